package io.stratum.api.internal;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.AgroalPoolInterceptor;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.MultipleAcquisitionAction;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.stratum.api.DatabaseSettings;
import io.stratum.api.StratumException;
import io.stratum.api.spi.DialectProvider;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/** Builds the Agroal pool from the settings and the dialect's connection setup. */
final class Pools {
    /** How long an idle connection above {@code pool_size} stays open. */
    private static final Duration IDLE_REAP = Duration.ofMinutes(5);

    private Pools() {
    }

    static AgroalDataSource create(DatabaseSettings settings, DialectProvider dialect, String jdbcUrl) {
        int maxSize = dialect.maxPoolSize(settings, settings.poolSize() + settings.maxOverflow());
        boolean inMemory = dialect.isInMemory(settings);
        int minSize = inMemory ? maxSize : Math.min(settings.poolSize(), maxSize);
        List<String> initSql = dialect.connectionInitSql(settings);
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
                            .idleValidationTimeout(Duration.ofSeconds(30))
                            .validationTimeout(Duration.ofMinutes(2))
                            .multipleAcquisition(MultipleAcquisitionAction.OFF)
                            .connectionFactoryConfiguration(factory -> {
                                factory.jdbcUrl(jdbcUrl)
                                        .connectionProviderClass(dialect.driverClass())
                                        .loginTimeout(settings.connectionTimeout())
                                        .autoCommit(true);
                                settings.user().ifPresent(user -> factory.principal(new NamePrincipal(user)));
                                settings.password().ifPresent(password -> factory.credential(new SimplePassword(password)));
                                dialect.connectionProperties(settings).forEach(factory::jdbcProperty);
                                if (dialect.isolationLevel() >= 0) {
                                    factory.jdbcTransactionIsolation(dialect.isolationLevel());
                                }
                                return factory;
                            });
                    if (!settings.poolRecycle().isZero() && !inMemory) {
                        pool.maxLifetime(settings.poolRecycle());
                    }
                    if (!initSql.isEmpty()) {
                        pool.addInterceptor(new InitSqlInterceptor(initSql));
                    }
                    return pool;
                });
        try {
            return AgroalDataSource.from(configuration);
        } catch (SQLException e) {
            throw new StratumException("Could not create the connection pool for " + settings.redactedUrl() + ": "
                    + SafeMessages.message(e, settings), e);
        }
    }

    /** Runs the dialect's per-connection statements once, when the pool opens a connection. */
    private static final class InitSqlInterceptor implements AgroalPoolInterceptor {
        private final List<String> statements;

        InitSqlInterceptor(List<String> statements) {
            this.statements = statements;
        }

        @Override
        public void onConnectionCreate(Connection connection) {
            try (Statement statement = connection.createStatement()) {
                for (String sql : statements) {
                    statement.execute(sql);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Per-connection setup failed: " + e.getMessage(), e);
            }
        }
    }
}
