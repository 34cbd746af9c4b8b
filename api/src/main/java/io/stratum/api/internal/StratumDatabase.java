package io.stratum.api.internal;

import io.agroal.api.AgroalDataSource;
import io.stratum.api.ConfigurationException;
import io.stratum.api.DatabaseInterface;
import io.stratum.api.DatabaseSettings;
import io.stratum.api.DatabaseUnavailableException;
import io.stratum.api.Dialect;
import io.stratum.api.Engine;
import io.stratum.api.Health;
import io.stratum.api.MigrationListener;
import io.stratum.api.Migrations;
import io.stratum.api.PrefectAdoption;
import io.stratum.api.OperationListener;
import io.stratum.api.PoolStatistics;
import io.stratum.api.SchemaStatus;
import io.stratum.api.SchemaReport;
import io.stratum.api.SessionWork;
import io.stratum.api.SettingKey;
import io.stratum.api.StratumException;
import io.stratum.api.model.OrmModel;
import io.stratum.api.query.QueryComponents;
import io.stratum.api.spi.AdoptionSql;
import io.stratum.api.spi.DialectProvider;
import io.stratum.api.spi.MigrationEngine;
import io.stratum.api.spi.MigrationLock;
import io.stratum.api.spi.ModelCatalogue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.Statement;
import java.sql.SQLException;
import java.util.List;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/** The one implementation of {@link DatabaseInterface}. Thread-safe. */
public final class StratumDatabase implements DatabaseInterface {
    private static final Logger LOG = System.getLogger(StratumDatabase.class.getName());
    private static final AtomicInteger SESSION_NAMES = new AtomicInteger();
    /**
     * Work that catches a failed operation and returns normally asks for a commit; committing would store
     * only part of the operation (SQLite keeps the statements before the failed one), so it is refused.
     */
    static final String CAUGHT_FAILURE_ROLLED_BACK = "The transaction was rolled back, not committed: an operation "
            + "inside it failed and marked it rollback-only, and the work caught that error and returned normally. "
            + "Nothing of the transaction was stored. Let the error propagate, or retry the whole transaction.";

    private final DatabaseSettings settings;
    private final DialectProvider dialect;
    private final Registry.Key key;
    private final ModelCatalogue catalogue;
    private final MigrationEngine migrationEngine;
    /**
     * Prepared at open only when open migrates; otherwise at first use. Preparing the URL inspects the
     * database's location (SQLite: the file and its folder), and with migrate_on_start off (or read_only)
     * opening touches nothing, so that isDbConnectable() answers false for a readiness probe where open()
     * would have failed.
     */
    private volatile ConnectionSetup connections;
    /** Prepared on the first migration when {@code migration_url} is set. */
    private volatile ConnectionSetup migrationSetup;
    private final Object lock = new Object();
    private final SessionFailures failures;
    /** The read replica of read_url; {@code null} when unset (read-only sessions use the primary's pool). */
    private final ReadReplica readReplica;
    private final OperationListeners operationListeners = new OperationListeners();
    private volatile Engine engine;
    private volatile QueryComponents queries;
    /** Fair, so waiting writers are served in arrival order (see acquireWriterTurn); SQLite only. */
    private final ReentrantLock writerTurn = new ReentrantLock(true);
    private volatile AgroalDataSource pool;
    /** The one connection of write transactions on a single-writer database; {@code null} for the others. */
    private volatile WriterConnection writerConnection;
    private boolean started;
    private volatile boolean closed;

    StratumDatabase(DatabaseSettings settings, DialectProvider dialect, Registry.Key key) {
        this.settings = settings;
        this.dialect = dialect;
        this.key = key;
        this.catalogue = Services.catalogue();
        this.migrationEngine = Services.migrationEngineOrNull();
        if (settings.migrateOnStart() && !settings.readOnly()) {
            this.connections = ConnectionSetup.of(settings, dialect);
        }
        this.failures = new SessionFailures(settings, dialect, () -> pool);
        this.readReplica = ReadReplica.of(settings, dialect, catalogue,
                "stratum-" + dialect.dialect().id() + "-read-" + SESSION_NAMES.incrementAndGet());
    }

    /** Runs migrate-on-start once; a failure closes this instance so a later open starts afresh. */
    void ensureStarted() {
        synchronized (lock) {
            if (started) {
                return;
            }
            try {
                if (settings.migrateOnStart() && !settings.readOnly()) {
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

    /** The migration connections' setup: {@code migration_url} when set, else the application's. */
    private ConnectionSetup migrationSetup() {
        if (!settings.migrationUrlSet()) {
            return connections();
        }
        ConnectionSetup current = migrationSetup;
        if (current == null) {
            synchronized (lock) {
                if (migrationSetup == null) {
                    DatabaseSettings forMigrations = settings.forMigrations();
                    if (!dialect.accepts(forMigrations.url())) {
                        throw new ConfigurationException("Setting " + SettingKey.MIGRATION_URL.environmentVariable()
                                + " '" + forMigrations.redactedUrl() + "' is not a " + dialect.dialect().displayName()
                                + " URL, but " + SettingKey.URL.environmentVariable() + " is. Point both at the same "
                                + "database: migration_url at the server itself, url at the server or its pooler.");
                    }
                    migrationSetup = ConnectionSetup.of(forMigrations, dialect);
                }
                current = migrationSetup;
            }
        }
        return current;
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

    @Override
    public Engine engine() {
        Engine current = engine;
        if (current != null) {
            return current;
        }
        synchronized (lock) {
            ensureOpen();
            if (engine == null) {
                ConnectionSetup setup = connections();
                dialect.prepareStorage(settings, !settings.readOnly());
                AgroalDataSource dataSource = Pools.create(settings, dialect, setup);
                try {
                    checkServerVersion(dataSource);
                    // Behind a transaction pooler, every transaction begins with the dialect's start SQL; a direct
                    // connection gets the pool as it is.
                    javax.sql.DataSource connections = dialect.transactionStartSql(settings)
                            .<javax.sql.DataSource>map(sql -> new TransactionStartConnections(dataSource, sql))
                            .orElse(dataSource);
                    // An in-memory database is its one connection; a read-only interface writes nothing.
                    if (WriterConnection.usedFor(dialect, settings)) {
                        writerConnection = new WriterConnection(connections, Pools.writer(settings, dialect, setup));
                        connections = writerConnection;
                    }
                    String sessionName = "stratum-" + dialect.dialect().id() + "-" + SESSION_NAMES.incrementAndGet();
                    EntityManagerFactory factory =
                            EntityManagerFactories.create(sessionName, settings, dialect, catalogue,
                            new PoolAcquisitions(connections));
                    pool = dataSource;
                    engine = new Engine(connections, factory);
                } catch (RuntimeException e) {
                    closeWriterConnection();
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
            dialect.checkSessionSettings(connection, settings);
        } catch (SQLException e) {
            Corruption.rethrow(e, dialect, settings);
            throw failures.unavailable("open a connection", e);
        }
    }

    @Override
    public EntityManager session() {
        try {
            return engine().entityManagerFactory().createEntityManager();
        } catch (RuntimeException e) {
            throw failures.of(e, "open a session", false);
        }
    }

    @Override
    public <T> T sessionContext(boolean beginTransaction, boolean withForUpdate, SessionWork<T> work) {
        try (PoolAcquisitions.Scope scope = PoolAcquisitions.enter()) {
            return sessionContextInScope(beginTransaction, withForUpdate, work);
        }
    }

    /**
     * Takes this process's turn to write: at once when it is free, else waiting in arrival order, at most
     * the busy timeout. Taking a free turn ahead of the queue (a fair lock's untimed {@code tryLock} does)
     * spares the hand-over to a parked thread, which on a small machine made 4 writers slower than 1
     * (issue 18); a waiter is still served in order whenever the turn is passed on while it waits.
     */
    private void acquireWriterTurn() {
        if (writerTurn.tryLock()) {
            return;
        }
        try {
            if (!writerTurn.tryLock(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new DatabaseUnavailableException("No write turn on " + settings.redactedUrl() + " within "
                        + SettingKey.TIMEOUT.environmentVariable() + " " + settings.timeout().toMillis() / 1000.0
                        + " s: another transaction of this process held the database's write lock that long. Retry, "
                        + "keep write transactions short, or raise " + SettingKey.TIMEOUT.environmentVariable() + ".",
                        null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StratumException("Interrupted while waiting for a write turn on " + settings.redactedUrl(), e);
        }
    }

    @Override
    public <T> T inReadOnlyTransaction(SessionWork<T> work) {
        try (PoolAcquisitions.Scope scope = PoolAcquisitions.enter()) {
            if (readReplica == null) {
                return inSession(session(), failures, true, false, true, work);
            }
            EntityManager session;
            try {
                session = readReplica.session();
            } catch (RuntimeException e) {
                throw readReplica.failures().of(e, "open a session on the read replica", false);
            }
            return inSession(session, readReplica.failures(), true, false, true, work);
        }
    }

    private <T> T sessionContextInScope(boolean beginTransaction, boolean withForUpdate, SessionWork<T> work) {
        return inSession(session(), failures, beginTransaction, withForUpdate, false, work);
    }

    /**
     * Runs the work in {@code session} and closes it. {@code readOnly} (implies a transaction): the
     * dialect makes every write in the transaction fail, and undoes it before the transaction ends.
     */
    private <T> T inSession(EntityManager session, SessionFailures failures, boolean beginTransaction,
                            boolean withForUpdate, boolean readOnly, SessionWork<T> work) {
        try {
            if (!beginTransaction && !withForUpdate) {
                try {
                    return run(work, session);
                } catch (RuntimeException e) {
                    throw failures.of(e, "run the session", false);
                }
            }
            EntityTransaction transaction = session.getTransaction();
            transaction.begin();
            boolean committing = false;
            boolean writerTurnHeld = false;
            Connection readOnlyConnection = null;
            try {
                if (readOnly) {
                    // Writes fail in it, so it needs no write turn: a read-only SQLite transaction stays DEFERRED.
                    readOnlyConnection = session.unwrap(Connection.class);
                    dialect.beginReadOnly(readOnlyConnection);
                } else if (dialect.singleWriter()) {
                    WriterConnection writer = writerConnection;
                    if (writer == null) {
                        // The connection first, then the turn: a writer waits for a pooled connection at most
                        // pool_timeout, and never queues for a turn it could not use (queued first, each writer's
                        // pool wait would start only when the one before it gave up: a multiple of pool_timeout).
                        session.unwrap(Connection.class);
                        acquireWriterTurn();
                        writerTurnHeld = true;
                    } else {
                        // The turn, then the writer's connection, which only the turn's holder uses: no wait.
                        acquireWriterTurn();
                        writerTurnHeld = true;
                        // A write transaction nested in this thread's own takes a pooled connection, as before.
                        if (writerTurn.getHoldCount() == 1) {
                            writer.lendToThisThread();
                        }
                        try {
                            session.unwrap(Connection.class);
                        } finally {
                            writer.endLending();
                        }
                    }
                }
                if (withForUpdate) {
                    dialect.beginForUpdate(session.unwrap(Connection.class));
                }
                T result = run(work, session);
                if (readOnlyConnection != null) {
                    Connection ending = readOnlyConnection;
                    readOnlyConnection = null;
                    dialect.endReadOnly(ending);
                }
                if (transaction.isActive() && transaction.getRollbackOnly()) {
                    transaction.rollback();
                    throw new StratumException(CAUGHT_FAILURE_ROLLED_BACK);
                }
                committing = true;
                transaction.commit();
                return result;
            } catch (SQLException e) {
                endReadOnlyQuietly(readOnlyConnection, e);
                rollbackQuietly(transaction, e);
                throw failures.of(e);
            } catch (RuntimeException e) {
                endReadOnlyQuietly(readOnlyConnection, e);
                rollbackQuietly(transaction, e);
                throw failures.of(e, committing ? "commit the transaction" : "run the transaction", committing);
            } catch (Error e) {
                endReadOnlyQuietly(readOnlyConnection, e);
                rollbackQuietly(transaction, e);
                throw e;
            } finally {
                if (writerTurnHeld) {
                    writerTurn.unlock();
                }
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

    private void endReadOnlyQuietly(Connection connection, Throwable cause) {
        if (connection == null) {
            return;
        }
        try {
            dialect.endReadOnly(connection);
        } catch (SQLException | RuntimeException endFailure) {
            cause.addSuppressed(endFailure);
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

    @Override
    public void createDb() {
        runMigrationsUpgrade();
    }

    @Override
    /**
     * On the migration connections ({@code migration_url} when set), as the schema belongs to the migrations:
     * behind a transaction pooler this is refused exactly as a migration is, before anything is dropped (the
     * CLI's reset drops, then upgrades: it must not drop and then be refused), and on a standby; it waits
     * for the migration lock like a migration (its check of the connections runs first).
     */
    public void dropDb() {
        ensureOpen();
        DatabaseSettings target = settings.forMigrations();
        // Under the migration lock, like every schema change: a drop must not pull the tables from under
        // another process's upgrade, nor an upgrade start on a half-dropped schema.
        try (MigrationConnections.Lease lease = migrationConnections().open("drop the database objects");
             MigrationLock.Acquired lock = lease.target().migrationLock().acquire(settings.lockTimeout(),
                     MigrationListener.NONE);
             Connection connection = lease.target().dataSource().getConnection()) {
            dialect.dropAllObjects(connection);
        } catch (SQLException e) {
            throw new StratumException("Dropping the database objects of " + target.redactedUrl() + " failed: "
                    + SafeMessages.message(e, target) + ". Nothing was dropped.", e);
        }
        AgroalDataSource current = pool;
        if (current != null && !dialect.isInMemory(settings)) {
            // Pooled connections keep server-side state about the dropped objects (prepared statements,
            // the driver's type ids of dropped enum types): replace them, idle ones now, busy ones on return.
            current.flush(AgroalDataSource.FlushMode.GRACEFUL);
            WriterConnection writer = writerConnection;
            if (writer != null) {
                writer.flush(AgroalDataSource.FlushMode.GRACEFUL);
            }
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
            throw new ConfigurationException("No Stratum migration engine found: add the stratum-migrations "
                    + "artifact (module io.stratum.migrations) to run migrations, migrate_on_start included (on by default; "
                    + "set it to false to open a database migrated elsewhere). " + Services.ARTIFACTS);
        }
        ensureOpen();
        // Migrations run on connections of their own (migration timeout), the pool only for in-memory databases.
        return new BoundMigrations(migrationEngine, migrationConnections(), operationListeners);
    }

    private MigrationConnections migrationConnections() {
        return new MigrationConnections(dialect, settings, this::migrationSetup, () -> engine().dataSource());
    }

    @Override
    public QueryComponents queries() {
        QueryComponents current = queries;
        if (current == null) {
            synchronized (lock) {
                ensureOpen();
                if (queries == null) {
                    queries = new InstrumentedQueryComponents(Services.queryComponentsFactory().create(this, dialect),
                            operationListeners);
                }
                current = queries;
            }
        }
        return current;
    }

    @Override
    public SchemaReport verifySchema() {
        Engine current = engine();
        try (Connection connection = current.dataSource().getConnection()) {
            LiveSchema live = LiveSchema.read(connection, dialect);
            return new SchemaVerifier(dialect, catalogue).verify(live, MappedColumn.of(current.entityManagerFactory()));
        } catch (SQLException e) {
            Corruption.rethrow(e, dialect, settings);
            if (dialect.isConnectionFailure(e)) {
                throw failures.unavailable("read the schema", e);
            }
            throw new StratumException("Reading the schema of " + settings.redactedUrl() + " failed: "
                    + SafeMessages.message(e, settings), e);
        }
    }

    @Override
    public io.stratum.api.HistoryPartitions historyPartitions() {
        ensureOpen();
        return new LockedHistoryPartitions(dialect, migrationConnections());
    }

    @Override
    public PrefectAdoption adoptPrefectDatabase(boolean apply) {
        AdoptionSql sql = dialect.adoptionSql().orElseThrow(() -> new ConfigurationException("The "
                + dialect.dialect().displayName() + " dialect cannot adopt a Prefect database."));
        Migrations migrations = migrations();
        String newest = PrefectAdopter.CORRESPONDING_REVISION;
        PrefectAdopter adopter = new PrefectAdopter(dialect, catalogue, sql);
        Engine current = engine();
        try (Connection connection = current.dataSource().getConnection()) {
            adopter.plan(connection, MappedColumn.of(current.entityManagerFactory()), migrations.current());
        } catch (SQLException e) {
            Corruption.rethrow(e, dialect, settings);
            throw new StratumException("Reading the schema of " + settings.redactedUrl() + " for adoption failed: "
                    + SafeMessages.message(e, settings), e);
        }
        boolean adoptable = adopter.verdict == PrefectAdoption.Verdict.ADOPTABLE;
        List<String> described = adoptable ? adopter.describedChanges() : List.of();
        if (!apply || !adoptable) {
            return new PrefectAdoption(dialect.dialect(), adopter.verdict, adopter.prefectRevision, newest, described,
                    adopter.differences, Optional.empty());
        }
        List<String> statements = adopter.statements();
        AtomicReference<Optional<String>> backup = new AtomicReference<>(Optional.empty());
        // Under the migration lock: the backup (SQLite), then the changes in or before the stamp's transaction.
        ((BoundMigrations) migrations).stampWithChanges(newest, connection -> {
            backup.set(sql.backup(connection));
            if (!sql.appliesInStampTransaction()) {
                sql.apply(connection, statements);
            }
        }, connection -> {
            if (sql.appliesInStampTransaction()) {
                sql.apply(connection, statements);
            }
        });
        // Only once the stamp has committed: until then the database stays recognisably Prefect's.
        try (Connection connection = current.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE " + PrefectAdopter.ALEMBIC_TABLE);
        } catch (SQLException e) {
            throw new StratumException("The database was adopted and stamped at revision " + newest + ", but dropping "
                    + PrefectAdopter.ALEMBIC_TABLE + " failed: " + SafeMessages.message(e, settings)
                    + ". Drop it by hand; nothing else is left to do.", e);
        }
        return new PrefectAdoption(dialect.dialect(), PrefectAdoption.Verdict.ADOPTED, adopter.prefectRevision, newest,
                described, List.of(), backup.get());
    }

    @Override
    public boolean isDbConnectable() {
        if (closed) {
            return false;
        }
        try {
            checkConnectable();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void checkConnectable() {
        ensureOpen();
        try {
            // The URL first (as open did before it became lazy), then: never creates, a missing database is
            // reported, not made.
            connections();
            dialect.prepareStorage(settings, false);
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, () -> "Database not connectable: " + SafeMessages.message(e, settings));
            throw e;
        }
        // A direct driver connection, bounded by the connection timeout, so a dead server never waits
        // for the pool's acquisition timeout.
        try (Connection connection = connections().connect(false)) {
            if (!connection.isValid((int) Math.max(1, settings.connectionTimeout().toSeconds()))) {
                throw new SQLException("The connection did not answer within " + settings.connectionTimeout().toSeconds() + " s");
            }
        } catch (SQLException e) {
            LOG.log(Level.DEBUG, () -> "Database not connectable: " + SafeMessages.message(e, settings));
            Corruption.rethrow(e, dialect, settings);
            throw failures.unavailable("open a connection", e);
        }
    }

    @Override
    public Health health() {
        long start = System.nanoTime();
        if (closed) {
            return unhealthy("this database interface was closed", start);
        }
        // On a thread of its own, so a database that accepts the connection and then stops answering
        // cannot hold the probe past connection_timeout.
        CompletableFuture<Health> probe = CompletableFuture.supplyAsync(() -> probeHealth(start), HEALTH_PROBES);
        // The replica answers in parallel, within the same bound.
        CompletableFuture<Health.ReadReplica> replica = readReplica == null ? null
                : CompletableFuture.supplyAsync(this::probeReadReplica, HEALTH_PROBES);
        long deadline = start + settings.connectionTimeout().toNanos();
        try {
            Health primary = probe.get(settings.connectionTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (replica == null) {
                return primary;
            }
            Health.ReadReplica read;
            try {
                read = replica.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                replica.cancel(true);
                read = new Health.ReadReplica(false, readReplica.statistics(), Optional.of("no answer within "
                        + SettingKey.CONNECTION_TIMEOUT.environmentVariable() + " "
                        + settings.connectionTimeout().toMillis() / 1000.0 + " s"));
            }
            return new Health(primary.reachable(), primary.schema(), primary.pool(), primary.failure(), since(start),
                    Optional.of(read));
        } catch (TimeoutException e) {
            probe.cancel(true);
            return unhealthy("no answer within " + SettingKey.CONNECTION_TIMEOUT.environmentVariable() + " "
                    + settings.connectionTimeout().toMillis() / 1000.0 + " s", start);
        } catch (ExecutionException e) {
            return unhealthy(SafeMessages.message(e.getCause(), settings), start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unhealthy("interrupted while checking", start);
        }
    }

    /** Health checks run here: daemon threads, so a probe still waiting never keeps the JVM alive. */
    private static final ExecutorService HEALTH_PROBES = Executors.newCachedThreadPool(work -> {
        Thread thread = new Thread(work, "stratum-health-probe");
        thread.setDaemon(true);
        return thread;
    });

    private Health probeHealth(long start) {
        try {
            checkConnectable();
        } catch (RuntimeException e) {
            return unhealthy(SafeMessages.message(e, settings), start);
        }
        if (migrationEngine == null) {
            return new Health(true, Optional.empty(), poolStatistics(), Optional.empty(), since(start));
        }
        try {
            SchemaStatus status = migrations().status();
            return new Health(true, Optional.of(status), poolStatistics(), Optional.empty(), since(start));
        } catch (RuntimeException e) {
            return new Health(true, Optional.empty(), poolStatistics(),
                    Optional.of("schema revision not read: " + SafeMessages.message(e, settings)), since(start));
        }
    }

    /** One direct connection to the read replica, as {@link #checkConnectable()} opens one to the primary. */
    private Health.ReadReplica probeReadReplica() {
        DatabaseSettings replica = readReplica.settings();
        try (Connection connection = readReplica.connect()) {
            if (!connection.isValid((int) Math.max(1, settings.connectionTimeout().toSeconds()))) {
                throw new SQLException("The connection did not answer within " + settings.connectionTimeout().toSeconds() + " s");
            }
            return new Health.ReadReplica(true, readReplica.statistics(), Optional.empty());
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.DEBUG, () -> "Read replica not connectable: " + SafeMessages.message(e, replica));
            return new Health.ReadReplica(false, readReplica.statistics(), Optional.of("read replica "
                    + replica.redactedUrl() + ": " + SafeMessages.message(e, replica)));
        }
    }

    private Health unhealthy(String reason, long start) {
        return new Health(false, Optional.empty(), poolStatistics(), Optional.of(reason), since(start));
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    @Override
    public PoolStatistics poolStatistics() {
        PoolStatistics pooled = Pools.statistics(pool, dialect.maxPoolSize(settings, settings.poolSize()
                + settings.maxOverflow()), failures);
        return WriterConnection.usedFor(dialect, settings)
                ? WriterConnection.addedTo(pooled, writerConnection, failures) : pooled;
    }

    @Override
    public Optional<PoolStatistics> readPoolStatistics() {
        return readReplica == null ? Optional.empty() : Optional.of(readReplica.statistics());
    }

    @Override
    public void addOperationListener(OperationListener listener) {
        operationListeners.add(listener);
    }

    @Override
    public void removeOperationListener(OperationListener listener) {
        operationListeners.remove(listener);
    }

    @Override
    public <M extends OrmModel> Class<? extends M> model(Class<M> contract) {
        if (contract == null) {
            throw new IllegalArgumentException("model(null): pass a model contract from io.stratum.api.model, "
                    + "for example FlowRun.class; models() lists those this deployment serves.");
        }
        Class<? extends OrmModel> entity = catalogue.entities().get(contract);
        if (entity == null) {
            throw new ConfigurationException("Unknown model " + contract.getName() + ": the model catalogue on the "
                    + "module path has no entity for it" + (OrmModel.class.isAssignableFrom(contract) && contract != OrmModel.class
                            ? "" : " (it is not a table's model contract)") + ". Pass one of the "
                    + catalogue.entities().size() + " contracts models() lists, such as io.stratum.api.model.FlowRun.");
        }
        return entity.asSubclass(contract);
    }

    @Override
    public Class<?> base() {
        return catalogue.baseEntity();
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
            operationListeners.clear();
            Engine current = engine;
            engine = null;
            if (current != null) {
                try {
                    current.entityManagerFactory().close();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Closing the EntityManagerFactory failed", e);
                }
            }
            closeWriterConnection();
            if (pool != null) {
                pool.close();
                pool = null;
            }
            if (readReplica != null) {
                readReplica.close();
            }
        }
        Registry.forget(key, this);
    }

    private void closeWriterConnection() {
        WriterConnection writer = writerConnection;
        writerConnection = null;
        if (writer != null) {
            writer.close();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("This database interface for " + settings.redactedUrl()
                    + " was closed. Call Stratum.open(settings) for a new one.");
        }
    }

    @Override
    public String toString() {
        return "DatabaseInterface{dialect=" + dialect.dialect().id() + ", url=" + settings.redactedUrl()
                + ", user=" + settings.user().orElse("<none>") + (closed ? ", closed" : "") + "}";
    }

}
