package io.stratum.api.internal;

import io.stratum.api.ConfigurationException;
import io.stratum.api.DatabaseInterface;
import io.stratum.api.DatabaseSettings;
import io.stratum.api.spi.DialectProvider;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@link StratumDatabase} per configuration key: dialect provider, URL and user. Unlike the
 * reference, which silently keeps the first settings, a second open with the same key but other
 * settings is refused, because the caller would otherwise run with settings it did not ask for.
 */
public final class Registry {
    private static final Map<Key, StratumDatabase> INSTANCES = new HashMap<>();
    private static final System.Logger LOG = System.getLogger(Registry.class.getName());

    private Registry() {
    }

    record Key(String provider, String url, String user) {
    }

    public static DatabaseInterface open(DatabaseSettings settings) {
        DialectProvider provider = Services.dialectFor(settings);
        // Before anything connects (also with migrate_on_start off): TLS files missing or unreadable, and
        // settings this database does not take, are configuration errors now, not at the first session.
        provider.checkSettings(settings);
        Key key = new Key(provider.getClass().getName(), settings.url(), settings.user().orElse(null));
        StratumDatabase created;
        synchronized (INSTANCES) {
            StratumDatabase existing = INSTANCES.get(key);
            if (existing != null) {
                List<String> differences = existing.settings().differences(settings);
                if (!differences.isEmpty()) {
                    throw new ConfigurationException("A database interface for " + settings.redactedUrl()
                            + " (user " + settings.user().orElse("<none>") + ") is already open with other settings: "
                            + String.join(", ", differences) + " differ. Use the same settings, or close() the open "
                            + "interface first.");
                }
                created = existing;
            } else {
                warnIfPartsIgnored(settings);
                created = new StratumDatabase(settings, provider, key);
                INSTANCES.put(key, created);
            }
        }
        created.ensureStarted();
        return created;
    }

    /** A url set wins over driver, host, port and name (as in the reference); say so once per interface. */
    private static void warnIfPartsIgnored(DatabaseSettings settings) {
        if (settings.urlFromParts()) {
            return;
        }
        List<String> ignored = new java.util.ArrayList<>();
        settings.driver().ifPresent(v -> ignored.add(io.stratum.api.SettingKey.DRIVER.environmentVariable()));
        settings.host().ifPresent(v -> ignored.add(io.stratum.api.SettingKey.HOST.environmentVariable()));
        settings.port().ifPresent(v -> ignored.add(io.stratum.api.SettingKey.PORT.environmentVariable()));
        settings.name().ifPresent(v -> ignored.add(io.stratum.api.SettingKey.NAME.environmentVariable()));
        if (!ignored.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, () -> io.stratum.api.SettingKey.URL.environmentVariable() + " is set ("
                    + settings.redactedUrl() + "), so " + String.join(", ", ignored) + " " + (ignored.size() > 1 ? "are"
                    : "is") + " not used: a url wins over the pieces. Unset one or the other.");
        }
    }

    static void forget(Key key, StratumDatabase instance) {
        synchronized (INSTANCES) {
            INSTANCES.remove(key, instance);
        }
    }
}
