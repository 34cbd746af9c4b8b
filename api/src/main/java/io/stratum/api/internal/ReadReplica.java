package io.stratum.api.internal;

import io.agroal.api.AgroalDataSource;
import io.stratum.api.ConfigurationException;
import io.stratum.api.DatabaseSettings;
import io.stratum.api.PoolStatistics;
import io.stratum.api.SettingKey;
import io.stratum.api.spi.DialectProvider;
import io.stratum.api.spi.ModelCatalogue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The read replica of {@code read_url}: its own connection setup, pool and EntityManagerFactory, made on
 * the first read-only session, with the primary's user, password and pool settings. Only read-only
 * transactions run here ({@link StratumDatabase#inReadOnlyTransaction}); nothing else ever takes one of its
 * connections. Thread-safe.
 */
final class ReadReplica {
    private static final Logger LOG = System.getLogger(ReadReplica.class.getName());

    private final DatabaseSettings settings;
    private final DialectProvider dialect;
    private final ModelCatalogue catalogue;
    private final String sessionName;
    private final SessionFailures failures;
    private final Object lock = new Object();
    private volatile ConnectionSetup connections;
    private volatile AgroalDataSource pool;
    private volatile EntityManagerFactory factory;
    private boolean closed;

    private ReadReplica(DatabaseSettings settings, DialectProvider dialect, ModelCatalogue catalogue, String sessionName) {
        this.settings = settings;
        this.dialect = dialect;
        this.catalogue = catalogue;
        this.sessionName = sessionName;
        this.failures = new SessionFailures(settings, dialect, () -> pool);
    }

    /**
     * The replica of {@code settings.readUrl()}, or {@code null} when it is unset. Refuses a dialect without
     * replicas (SQLite) and a read URL of another kind of database than {@code url}.
     */
    static ReadReplica of(DatabaseSettings settings, DialectProvider dialect, ModelCatalogue catalogue, String sessionName) {
        if (settings.readUrl().isEmpty()) {
            return null;
        }
        String readUrl = settings.readUrl().get();
        String variable = SettingKey.READ_URL.environmentVariable();
        if (!dialect.servesReadReplicas()) {
            throw new ConfigurationException(variable + " is set, but " + dialect.dialect().displayName()
                    + " has no read replicas: read-only sessions read the database of " + SettingKey.URL.environmentVariable()
                    + " (" + settings.redactedUrl() + "). Unset " + variable + ".");
        }
        if (!dialect.accepts(readUrl)) {
            throw new ConfigurationException(variable + " '" + io.stratum.api.Redaction.url(readUrl) + "' is not a "
                    + dialect.dialect().displayName() + " URL like " + SettingKey.URL.environmentVariable() + " ("
                    + settings.redactedUrl() + "): a read replica is a copy of the same database. Use its "
                    + "jdbc:postgresql://<host>:<port>/<database>, or unset " + variable + ".");
        }
        DatabaseSettings replica = settings.toBuilder().url(readUrl).readUrl(null).migrateOnStart(false).build();
        return new ReadReplica(replica, dialect, catalogue, sessionName);
    }

    /** The replica's settings: {@code url} is the read URL. */
    DatabaseSettings settings() {
        return settings;
    }

    SessionFailures failures() {
        return failures;
    }

    private ConnectionSetup connections() {
        ConnectionSetup current = connections;
        if (current == null) {
            synchronized (lock) {
                if (connections == null) {
                    connections = ConnectionSetup.of(settings, dialect);
                }
                current = connections;
            }
        }
        return current;
    }

    /** A new EntityManager on the replica's pool, which is created on the first call. */
    EntityManager session() {
        EntityManagerFactory current = factory;
        if (current == null) {
            synchronized (lock) {
                if (closed) {
                    throw new IllegalStateException("This database interface's read replica " + settings.redactedUrl()
                            + " was closed. Call Stratum.open(settings) for a new one.");
                }
                if (factory == null) {
                    AgroalDataSource dataSource = Pools.create(settings, dialect, connections());
                    try {
                        try (Connection connection = dataSource.getConnection()) {
                            dialect.checkServerVersion(connection);
                        } catch (SQLException e) {
                            throw failures.unavailable("open a connection to the read replica", e);
                        }
                        factory = EntityManagerFactories.create(sessionName, settings, dialect, catalogue,
                                new PoolAcquisitions(dataSource));
                        pool = dataSource;
                    } catch (RuntimeException e) {
                        dataSource.close();
                        throw e;
                    }
                }
                current = factory;
            }
        }
        return current.createEntityManager();
    }

    /** One direct connection, bounded by the connection timeout, for health(): never the pool. */
    Connection connect() throws SQLException {
        return connections().connect(false);
    }

    /** The pool's figures; not open before the first read-only session. */
    PoolStatistics statistics() {
        return Pools.statistics(pool, dialect.maxPoolSize(settings, settings.poolSize() + settings.maxOverflow()),
                failures);
    }

    void close() {
        synchronized (lock) {
            closed = true;
            EntityManagerFactory current = factory;
            factory = null;
            if (current != null) {
                try {
                    current.close();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Closing the read replica's EntityManagerFactory failed", e);
                }
            }
            if (pool != null) {
                pool.close();
                pool = null;
            }
        }
    }
}
