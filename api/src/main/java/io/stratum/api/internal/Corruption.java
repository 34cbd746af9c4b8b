package io.stratum.api.internal;

import io.stratum.api.DatabaseCorruptException;
import io.stratum.api.DatabaseSettings;
import io.stratum.api.spi.DialectProvider;
import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Finds a damaged-file error (judged by the dialect) anywhere in what EclipseLink, Flyway or the
 * driver wrapped, so it is reported as a {@link DatabaseCorruptException}, not as unreachable.
 */
final class Corruption {
    private Corruption() {
    }

    /** The error to throw when {@code error} or one of its causes is a damaged-file error, else {@code null}. */
    static DatabaseCorruptException find(Throwable error, DialectProvider dialect, DatabaseSettings settings) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = error; t != null && seen.add(t); t = causeOf(t)) {
            if (t instanceof DatabaseCorruptException) {
                return (DatabaseCorruptException) t;
            }
            if (t instanceof SQLException) {
                int chained = 0;
                for (SQLException s = (SQLException) t; s != null && chained++ < 20; s = s.getNextException()) {
                    if (dialect.isCorruption(s)) {
                        return new DatabaseCorruptException(settings.redactedUrl(), SafeMessages.message(s, settings), error);
                    }
                }
            }
        }
        return null;
    }

    /** Throws the damaged-file error found in {@code error}, if any. */
    static void rethrow(Throwable error, DialectProvider dialect, DatabaseSettings settings) {
        DatabaseCorruptException corrupt = find(error, dialect, settings);
        if (corrupt != null) {
            throw corrupt;
        }
    }

    private static Throwable causeOf(Throwable t) {
        if (t.getCause() == null && t instanceof org.eclipse.persistence.exceptions.EclipseLinkException) {
            return ((org.eclipse.persistence.exceptions.EclipseLinkException) t).getInternalException();
        }
        return t.getCause();
    }
}
