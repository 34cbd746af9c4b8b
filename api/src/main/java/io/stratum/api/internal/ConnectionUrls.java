package io.stratum.api.internal;

import io.stratum.api.ConfigurationException;
import io.stratum.api.DatabaseSettings;
import io.stratum.api.DialectNotFoundException;
import io.stratum.api.SettingKey;
import io.stratum.api.spi.DialectProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The URL of settings without {@code url}: the dialect the {@code driver} setting names builds it from
 * {@code host}, {@code port} and {@code name} (reference {@code default_database_connection_url}). Unlike
 * the reference, pieces set without a driver are an error, not the SQLite default: a host given and then
 * ignored would put the data in a local file nobody looks at.
 */
public final class ConnectionUrls {
    private ConnectionUrls() {
    }

    /** Called by {@link DatabaseSettings} while it is built, with every setting but the URL set. */
    public static String fromParts(DatabaseSettings settings) {
        List<DialectProvider> dialects = Services.dialects();
        TreeSet<String> names = new TreeSet<>();
        dialects.forEach(d -> names.addAll(d.driverNames()));
        String driver = settings.driver().orElse(null);
        if (driver == null) {
            List<String> given = new ArrayList<>();
            settings.host().ifPresent(v -> given.add(SettingKey.HOST.environmentVariable()));
            settings.port().ifPresent(v -> given.add(SettingKey.PORT.environmentVariable()));
            settings.name().ifPresent(v -> given.add(SettingKey.NAME.environmentVariable()));
            throw new ConfigurationException("Missing required database connection settings: driver ("
                    + SettingKey.DRIVER.environmentVariable() + "). " + String.join(", ", given) + (given.size() > 1
                    ? " are" : " is") + " set but no " + SettingKey.URL.environmentVariable() + ": set "
                    + SettingKey.DRIVER.environmentVariable() + " to one of " + String.join(", ", names)
                    + ", or set " + SettingKey.URL.environmentVariable() + ".");
        }
        String wanted = driver.toLowerCase(Locale.ROOT);
        return dialects.stream()
                .filter(d -> d.driverNames().contains(wanted))
                .max(Comparator.comparingInt(DialectProvider::priority))
                .orElseThrow(() -> new DialectNotFoundException("Unsupported database driver: '" + driver + "' ("
                        + SettingKey.DRIVER.environmentVariable() + "). The installed dialects take "
                        + (names.isEmpty() ? "none" : String.join(", ", names)) + "; a dialect's artifact "
                        + "(stratum-dialect-<name>) adds its names."))
                .urlFromParts(settings);
    }
}
