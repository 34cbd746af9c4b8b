package io.stratum.api.internal;

import io.agroal.api.AgroalDataSource;
import io.stratum.api.ConfigurationException;
import io.stratum.api.DatabaseInterface;
import io.stratum.api.DatabaseSettings;
import io.stratum.api.DatabaseUnavailableException;
import io.stratum.api.Dialect;
import io.stratum.api.Engine;
import io.stratum.api.Migrations;
import io.stratum.api.SessionWork;
import io.stratum.api.StratumException;
import io.stratum.api.model.OrmModel;
import io.stratum.api.spi.DialectProvider;
import io.stratum.api.spi.MigrationEngine;
import io.stratum.api.spi.ModelCatalogue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The one implementation of {@link DatabaseInterface}. Thread-safe. */
public final class StratumDatabase implements DatabaseInterface {
    private static final Logger LOG = Logger.getLogger(StratumDatabase.class.getName());
    private static final AtomicInteger SESSION_NAMES = new AtomicInteger();

    private final DatabaseSettings settings;
    private final DialectProvider dialect;
    private final Registry.Key key;
    private final ModelCatalogue catalogue;
    private final MigrationEngine migrationEngine;
    private final String jdbcUrl;
    private final Object lock = new Object();
    private volatile Engine engine;
    private AgroalDataSource pool;
    private boolean started;
    private volatile boolean closed;

    StratumDatabase(DatabaseSettings settings, DialectProvider dialect, Registry.Key key) {
        this.settings = settings;
        this.dialect = dialect;
        this.key = key;
        this.catalogue = Services.catalogue();
        this.migrationEngine = Services.migrationEngineOrNull();
        this.jdbcUrl = dialect.prepareUrl(settings);
    }

    /** Runs migrate-on-start once; a failure closes this instance so a later open starts afresh. */
    void ensureStarted() {
        synchronized (lock) {
            if (started) {
                return;
            }
            try {
                if (settings.migrateOnStart()) {
                    createDb();
                }
                started = true;
            } catch (RuntimeException | Error e) {
                close();
                throw e;
            }
        }
    }

    @Override
    public DatabaseSettings settings() {
        return settings;
    }

    @Override
    public Dialect dialect() {
        return dialect.dialect();
    }

    /** The provider serving this instance (used by the query components and tests inside the platform). */
    public DialectProvider dialectProvider() {
        return dialect;
    }

    @Override
    public Engine engine() {
        Engine current = engine;
        if (current != null) {
            return current;
        }
        synchronized (lock) {
            ensureOpen();
            if (engine == null) {
                AgroalDataSource dataSource = Pools.create(settings, dialect, jdbcUrl);
                try {
                    checkServerVersion(dataSource);
                    String sessionName = "stratum-" + dialect.dialect().id() + "-" + SESSION_NAMES.incrementAndGet();
                    EntityManagerFactory factory =
                            EntityManagerFactories.create(sessionName, settings, dialect, catalogue, dataSource);
                    pool = dataSource;
                    engine = new Engine(dataSource, factory);
                } catch (RuntimeException e) {
                    dataSource.close();
                    throw e;
                }
            }
            return engine;
        }
    }

    private void checkServerVersion(AgroalDataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            dialect.checkServerVersion(connection);
        } catch (SQLException e) {
            throw unavailable("open a connection", e);
        }
    }

    @Override
    public EntityManager session() {
        return engine().entityManagerFactory().createEntityManager();
    }

    @Override
    public <T> T sessionContext(boolean beginTransaction, boolean withForUpdate, SessionWork<T> work) {
        EntityManager session = session();
        try {
            if (!beginTransaction && !withForUpdate) {
                return run(work, session);
            }
            EntityTransaction transaction = session.getTransaction();
            transaction.begin();
            try {
                if (withForUpdate) {
                    dialect.beginForUpdate(session.unwrap(Connection.class));
                }
                T result = run(work, session);
                transaction.commit();
                return result;
            } catch (SQLException e) {
                rollbackQuietly(transaction, e);
                throw translate(e);
            } catch (RuntimeException | Error e) {
                rollbackQuietly(transaction, e);
                throw e;
            }
        } finally {
            session.close();
        }
    }

    private static <T> T run(SessionWork<T> work, EntityManager session) {
        try {
            return work.run(session);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new StratumException("Session work failed: " + e.getMessage(), e);
        }
    }

    private static void rollbackQuietly(EntityTransaction transaction, Throwable cause) {
        try {
            if (transaction.isActive()) {
                transaction.rollback();
            }
        } catch (RuntimeException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }

    private RuntimeException translate(SQLException e) {
        if (dialect.isConnectionFailure(e)) {
            return unavailable("run the session", e);
        }
        return new StratumException("Database error: " + SafeMessages.message(e, settings), e);
    }

    private DatabaseUnavailableException unavailable(String action, SQLException e) {
        return new DatabaseUnavailableException("Could not " + action + " on " + settings.redactedUrl() + ": "
                + SafeMessages.message(e, settings) + ". Check that the database is running and reachable; "
                + "the same interface works again once it is.", e);
    }

    @Override
    public void createDb() {
        runMigrationsUpgrade();
    }

    @Override
    public void dropDb() {
        try (Connection connection = engine().dataSource().getConnection()) {
            dialect.dropAllObjects(connection);
        } catch (SQLException e) {
            throw new StratumException("Dropping the database objects of " + settings.redactedUrl() + " failed: "
                    + SafeMessages.message(e, settings) + ". Nothing was dropped.", e);
        }
    }

    @Override
    public void runMigrationsUpgrade() {
        migrations().upgrade("head");
    }

    @Override
    public void runMigrationsDowngrade(String revision) {
        migrations().downgrade(revision);
    }

    @Override
    public Migrations migrations() {
        if (migrationEngine == null) {
            throw new ConfigurationException("No migration engine on the module path: add the stratum-migrations "
                    + "artifact (module io.stratum.migrations) to run migrations.");
        }
        return new BoundMigrations(migrationEngine,
                new MigrationEngine.Target(engine().dataSource(), dialect.dialect(), settings));
    }

    @Override
    public boolean isDbConnectable() {
        if (closed) {
            return false;
        }
        // A direct driver connection, bounded by the connection timeout, so a dead server never waits
        // for the pool's acquisition timeout.
        Properties properties = new Properties();
        properties.putAll(dialect.connectionProperties(settings));
        settings.user().ifPresent(user -> properties.setProperty("user", user));
        settings.password().ifPresent(password -> properties.setProperty("password", password));
        try {
            java.sql.Driver driver = dialect.driverClass().getDeclaredConstructor().newInstance();
            try (Connection connection = driver.connect(jdbcUrl, properties)) {
                return connection != null && connection.isValid((int) Math.max(1, settings.connectionTimeout().toSeconds()));
            }
        } catch (Exception e) {
            LOG.log(Level.FINE, () -> "Database not connectable: " + SafeMessages.message(e, settings));
            return false;
        }
    }

    @Override
    public <M extends OrmModel> Class<? extends M> model(Class<M> contract) {
        Class<? extends OrmModel> entity = catalogue.entities().get(contract);
        if (entity == null) {
            throw new ConfigurationException("Unknown model " + contract.getName() + ": the model catalogue on the "
                    + "module path has no entity for it. Known models: " + catalogue.entities().size() + ".");
        }
        return entity.asSubclass(contract);
    }

    @Override
    public Set<Class<? extends OrmModel>> models() {
        return Set.copyOf(catalogue.entities().keySet());
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            Engine current = engine;
            engine = null;
            if (current != null) {
                try {
                    current.entityManagerFactory().close();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Closing the EntityManagerFactory failed", e);
                }
            }
            if (pool != null) {
                pool.close();
                pool = null;
            }
        }
        Registry.forget(key, this);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("This database interface for " + settings.redactedUrl()
                    + " was closed. Call DatabaseInterface.open(settings) for a new one.");
        }
    }

    @Override
    public String toString() {
        return "DatabaseInterface{dialect=" + dialect.dialect().id() + ", url=" + settings.redactedUrl()
                + ", user=" + settings.user().orElse("<none>") + (closed ? ", closed" : "") + "}";
    }

}
