package io.stratum.api.internal;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.AgroalDataSourceListener;
import io.agroal.api.AgroalPoolInterceptor;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.ConnectionValidator;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.MultipleAcquisitionAction;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.stratum.api.DatabaseSettings;
import io.stratum.api.SettingKey;
import io.stratum.api.StratumException;
import io.stratum.api.spi.DialectProvider;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/** Builds the Agroal pool from the settings and the dialect's connection setup. */
final class Pools {
    /** Where leaked connections are reported (see {@link DatabaseSettings#leakTimeout()}). */
    static final Logger LOG = System.getLogger(Pools.class.getName());
    /** How long an idle connection above {@code pool_size} stays open. */
    private static final Duration IDLE_REAP = Duration.ofMinutes(5);

    private Pools() {
    }

    static AgroalDataSource create(DatabaseSettings settings, DialectProvider dialect, ConnectionSetup setup) {
        int maxSize = dialect.maxPoolSize(settings, settings.poolSize() + settings.maxOverflow());
        boolean inMemory = dialect.isInMemory(settings);
        return create(settings, dialect, setup, maxSize, inMemory ? maxSize : Math.min(settings.poolSize(), maxSize));
    }

    /**
     * The pool of the one connection a single-writer database's write transactions share (see
     * WriterConnection): the same connections as the pool's, kept open.
     */
    static AgroalDataSource writer(DatabaseSettings settings, DialectProvider dialect, ConnectionSetup setup) {
        return create(settings, dialect, setup, 1, 1);
    }

    private static AgroalDataSource create(DatabaseSettings settings, DialectProvider dialect, ConnectionSetup setup,
                                           int maxSize, int minSize) {
        boolean inMemory = dialect.isInMemory(settings);
        AgroalDataSourceConfigurationSupplier configuration = new AgroalDataSourceConfigurationSupplier()
                .metricsEnabled(true)
                .connectionPoolConfiguration(pool -> {
                    pool.initialSize(0)
                            .minSize(minSize)
                            .maxSize(maxSize)
                            .acquisitionTimeout(settings.poolTimeout())
                            .reapTimeout(inMemory ? Duration.ZERO : IDLE_REAP)
                            // A connection is checked before it is lent once it has idled this long; a dead
                            // one is replaced instead of failing the caller (the reference's pool_pre_ping).
                            // Agroal's default validator accepts every connection: use Connection.isValid.
                            .connectionValidator(ConnectionValidator.defaultValidatorWithTimeout(
                                    (int) Math.max(1, settings.connectionTimeout().toSeconds())))
                            .idleValidationTimeout(Duration.ofSeconds(30))
                            .validationTimeout(Duration.ofMinutes(2))
                            // A connection that cannot be opened fails the caller at once (retryable), instead
                            // of Agroal waiting a second and trying again while the caller blocks.
                            .establishmentRetryAttempts(0)
                            .multipleAcquisition(MultipleAcquisitionAction.OFF)
                            // A connection that failed with a connection error (server restarted, socket
                            // closed) is destroyed when it comes back instead of being lent again.
                            .exceptionSorter(dialect::isConnectionFailure)
                            .connectionFactoryConfiguration(factory -> {
                                factory.jdbcUrl(setup.url())
                                        .connectionProviderClass(dialect.driverClass())
                                        .loginTimeout(settings.connectionTimeout())
                                        .autoCommit(true);
                                setup.user().ifPresent(user -> factory.principal(new NamePrincipal(user)));
                                setup.password().ifPresent(password -> factory.credential(new SimplePassword(password)));
                                setup.driverProperties(false).forEach(factory::jdbcProperty);
                                if (dialect.isolationLevel() >= 0) {
                                    factory.jdbcTransactionIsolation(dialect.isolationLevel());
                                }
                                return factory;
                            });
                    if (!settings.poolRecycle().isZero() && !inMemory) {
                        pool.maxLifetime(settings.poolRecycle());
                    }
                    pool.addInterceptor(new InitSqlInterceptor(setup));
                    if (!settings.leakTimeout().isZero()) {
                        pool.leakTimeout(settings.leakTimeout());
                    }
                    return pool;
                });
        try {
            return AgroalDataSource.from(configuration, new LeakReport(settings));
        } catch (SQLException e) {
            throw new StratumException("Could not create the connection pool for " + settings.redactedUrl() + ": "
                    + SafeMessages.message(e, settings), e);
        }
    }

    /** The figures of {@code pool} ({@code null}: not open, or closed meanwhile). */
    static io.stratum.api.PoolStatistics statistics(AgroalDataSource pool, long max, SessionFailures failures) {
        if (pool == null) {
            return io.stratum.api.PoolStatistics.notOpen(max);
        }
        try {
            io.agroal.api.AgroalDataSourceMetrics metrics = pool.getMetrics();
            return new io.stratum.api.PoolStatistics(metrics.activeCount(), metrics.availableCount(),
                    metrics.awaitingCount(), max, metrics.acquireCount(), metrics.blockingTimeTotal(),
                    failures.poolTimeouts(), metrics.leakDetectionCount());
        } catch (RuntimeException closedMeanwhile) {
            return io.stratum.api.PoolStatistics.notOpen(max);
        }
    }

    /**
     * Logs a connection held longer than {@code leak_timeout} (Agroal checks every {@code leak_timeout}) as
     * a WARNING on {@link #LOG}, with the holding thread's current stack as the record's throwable.
     */
    private static final class LeakReport implements AgroalDataSourceListener {
        private final DatabaseSettings settings;

        LeakReport(DatabaseSettings settings) {
            this.settings = settings;
        }

        @Override
        public void onConnectionLeak(Connection connection, Thread thread) {
            String holder = thread == null ? "an unknown thread" : "thread '" + thread.getName() + "'";
            String message = "Connection leak: a pooled connection to "
                    + settings.redactedUrl() + " has been held by " + holder + " for more than leak_timeout "
                    + settings.leakTimeout().toMillis() / 1000.0 + " s (" + SettingKey.LEAK_TIMEOUT.environmentVariable()
                    + "). A session (EntityManager) was probably not closed, or a transaction not ended; close every "
                    + "session() in a finally block, or use sessionContext. The stack shows where that thread is now.";
            Throwable where = null;
            if (thread != null) {
                where = new Throwable("Stack of " + holder);
                where.setStackTrace(thread.getStackTrace());
            }
            LOG.log(Level.WARNING, message, where);
        }

        @Override
        public void onWarning(String message) {
            LOG.log(Level.DEBUG, () -> "Connection pool: " + message);
        }

        @Override
        public void onWarning(Throwable throwable) {
            LOG.log(Level.DEBUG, "Connection pool: " + SafeMessages.message(throwable, settings));
        }
    }

    /** Runs the dialect's per-connection statements once, when the pool opens a connection. */
    private static final class InitSqlInterceptor implements AgroalPoolInterceptor {
        private final ConnectionSetup setup;

        InitSqlInterceptor(ConnectionSetup setup) {
            this.setup = setup;
        }

        @Override
        public void onConnectionCreate(Connection connection) {
            try {
                setup.runInitSql(connection);
            } catch (SQLException e) {
                throw new IllegalStateException("Per-connection setup failed: " + e.getMessage(), e);
            }
        }
    }
}
