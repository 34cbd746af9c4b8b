package io.stratum.api.internal;

import io.agroal.api.AgroalDataSource;
import io.stratum.api.ConfigurationException;
import io.stratum.api.DatabaseSettings;
import io.stratum.api.DatabaseUnavailableException;
import io.stratum.api.PoolExhaustedException;
import io.stratum.api.SettingKey;
import io.stratum.api.StratumException;
import io.stratum.api.spi.DialectProvider;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * Turns what a failed session threw — usually wrapped by EclipseLink — into the error a caller can act
 * on: a pool that had no free connection, a database that is unreachable (retry), a refused login (fix
 * the settings), or Stratum's own error when one was wrapped.
 */
final class SessionFailures {
    private final DatabaseSettings settings;
    private final DialectProvider dialect;
    private final Supplier<AgroalDataSource> pool;
    private final java.util.concurrent.atomic.AtomicLong poolTimeouts = new java.util.concurrent.atomic.AtomicLong();

    SessionFailures(DatabaseSettings settings, DialectProvider dialect, Supplier<AgroalDataSource> pool) {
        this.settings = settings;
        this.dialect = dialect;
        this.pool = pool;
    }

    /**
     * The error to throw for a failed session: an exhausted pool becomes a {@link PoolExhaustedException},
     * a lost or refused connection (found anywhere in EclipseLink's wrapping, judged by the dialect) a
     * {@link DatabaseUnavailableException}; anything else is thrown as it is.
     */
    RuntimeException of(RuntimeException error, String action, boolean duringCommit) {
        if (error instanceof DatabaseUnavailableException) {
            return error;
        }
        io.stratum.api.DatabaseCorruptException corrupt = Corruption.find(error, dialect, settings);
        if (corrupt != null) {
            return corrupt;
        }
        SQLException lost = null;
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable t = error; t != null && seen.add(t); t = causeOf(t)) {
            if (t instanceof SQLException) {
                int chained = 0;
                for (SQLException s = (SQLException) t; s != null && chained++ < 20; s = s.getNextException()) {
                    if (isAcquisitionTimeout(s)) {
                        return poolExhausted(error);
                    }
                    if (lost == null && dialect.isConnectionFailure(s)) {
                        lost = s;
                    }
                }
            }
        }
        if (lost == null) {
            return ownError(error);
        }
        ConfigurationException refused = LoginErrors.refused(lost, settings);
        if (refused != null) {
            return refused;
        }
        AgroalDataSource current = pool.get();
        if (current != null) {
            // Idle connections to a restarted server are as dead as this one: validate them all now, so
            // the next callers get working connections instead of failing one by one.
            current.flush(AgroalDataSource.FlushMode.INVALID);
        }
        return new DatabaseUnavailableException("Could not " + action + " on " + settings.redactedUrl() + ": "
                + SafeMessages.message(lost, settings).strip().replaceAll("\\.+$", "") + ". The database is unreachable "
                + "or the connection broke; " + (duringCommit ? "the commit's outcome is unknown (it may or may not "
                + "have been applied)" : "the transaction was rolled back") + ". Retry once the database is reachable: "
                + "this interface replaces broken connections by itself.", error);
    }

    /**
     * Stratum's own error when EclipseLink wrapped one (a typed JSON column's converter failing on read or
     * write surfaces as a PersistenceException "An exception occurred while calling convertTo…"): the
     * wrapped error says what was wrong, so it is thrown, with the wrapper kept as suppressed.
     */
    private static RuntimeException ownError(RuntimeException error) {
        if (error instanceof StratumException) {
            return error;
        }
        int depth = 0;
        for (Throwable t = causeOf(error); t != null && t != error && depth++ < 20; t = causeOf(t)) {
            if (t instanceof StratumException) {
                t.addSuppressed(error);
                return (StratumException) t;
            }
        }
        return error;
    }

    private static Throwable causeOf(Throwable t) {
        if (t.getCause() == null && t instanceof org.eclipse.persistence.exceptions.EclipseLinkException) {
            return ((org.eclipse.persistence.exceptions.EclipseLinkException) t).getInternalException();
        }
        return t.getCause();
    }

    /** Agroal's "acquisition timeout": no pooled connection became free within {@code pool_timeout}. */
    static boolean isAcquisitionTimeout(SQLException e) {
        return e.getSQLState() == null && String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT)
                .contains("acquisition timeout");
    }

    /** Sessions refused so far because the pool had no free connection within {@code pool_timeout}. */
    long poolTimeouts() {
        return poolTimeouts.get();
    }

    private PoolExhaustedException poolExhausted(Throwable cause) {
        poolTimeouts.incrementAndGet();
        int fromSettings = settings.poolSize() + settings.maxOverflow();
        int max = dialect.maxPoolSize(settings, fromSettings);
        String size = max == fromSettings
                ? "pool_size " + settings.poolSize() + " + max_overflow " + settings.maxOverflow()
                : "capped at " + max + " by the " + dialect.dialect().id() + " dialect"
                        + (dialect.isInMemory(settings) ? " for an in-memory database" : "");
        return new PoolExhaustedException("No pooled connection to " + settings.redactedUrl() + " became free within "
                + "pool_timeout " + settings.poolTimeout().toMillis() / 1000.0 + " s: all " + max + " connections are in "
                + "use (" + size + "). Retry later; if it recurs, raise " + SettingKey.POOL_SIZE.environmentVariable()
                + " or " + SettingKey.MAX_OVERFLOW.environmentVariable() + " (within the database's connection limit) or "
                + SettingKey.POOL_TIMEOUT.environmentVariable() + ", and check that every session is closed ("
                + SettingKey.LEAK_TIMEOUT.environmentVariable() + " reports connections held too long).", max, cause);
    }

    RuntimeException of(SQLException e) {
        io.stratum.api.DatabaseCorruptException corrupt = Corruption.find(e, dialect, settings);
        if (corrupt != null) {
            return corrupt;
        }
        if (dialect.isConnectionFailure(e)) {
            return unavailable("run the session", e);
        }
        return new StratumException("Database error: " + SafeMessages.message(e, settings), e);
    }

    StratumException unavailable(String action, SQLException e) {
        if (isAcquisitionTimeout(e)) {
            return poolExhausted(e);
        }
        io.stratum.api.DatabaseCorruptException corrupt = Corruption.find(e, dialect, settings);
        if (corrupt != null) {
            return corrupt;
        }
        ConfigurationException refused = LoginErrors.refused(e, settings);
        if (refused != null) {
            return refused;
        }
        return new DatabaseUnavailableException("Could not " + action + " on " + settings.redactedUrl() + ": "
                + SafeMessages.message(e, settings).strip().replaceAll("\\.+$", "") + ". Check that the database is "
                + "running and reachable, then retry: the same interface works again once it is.", e);
    }
}
