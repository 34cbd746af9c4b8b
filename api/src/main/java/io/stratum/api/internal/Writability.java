package io.stratum.api.internal;

import io.stratum.api.ConfigurationException;
import io.stratum.api.DatabaseSettings;
import io.stratum.api.spi.DialectProvider;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Refuses an operation that changes the schema before it starts when the server takes no writes (a
 * PostgreSQL standby in recovery): otherwise it would start, and fail half-way on the first write.
 */
final class Writability {
    private Writability() {
    }

    /** Throws a {@link ConfigurationException} naming {@code action}, the URL and the dialect's reason. */
    static void require(DialectProvider dialect, DatabaseSettings settings, Connection connection, String action)
            throws SQLException {
        Optional<String> reason = dialect.whyNotWritable(connection);
        if (reason.isPresent()) {
            throw new ConfigurationException("Cannot " + action + " on " + settings.redactedUrl() + ": "
                    + reason.get().strip().replaceAll("\\.+$", "") + ". Nothing was started or changed.");
        }
    }
}
