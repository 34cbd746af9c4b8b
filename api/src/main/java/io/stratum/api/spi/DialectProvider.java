package io.stratum.api.spi;

import io.stratum.api.Api;
import io.stratum.api.DatabaseSettings;
import io.stratum.api.Dialect;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What differs between databases, and nothing else: the one service a dialect module provides
 * ({@code provides io.stratum.api.spi.DialectProvider with …}, also in {@code META-INF/services}).
 * The interface picks the provider whose {@link #accepts(String)} matches the URL, highest
 * {@link #priority()} first. The provider answers the connection and schema questions itself and hands
 * out the parts the shared query code needs ({@link #storageValues()}, {@link #transactionLocks()},
 * {@link #pollingSql()}, {@link #bulkWriteSql()}, {@link #queryHelperSql()}, {@link #runGraphSql()},
 * {@link #transitionSql()}, {@link #retentionSql()}); each part is built once
 * per provider and is stateless.
 */
@Api(Api.Status.EXPERIMENTAL)
public interface DialectProvider {

    Dialect dialect();

    /** How this database stores UUIDs, timestamps, intervals and booleans, for hand-written SQL. */
    StorageValues storageValues();

    /** How a transaction locks the rows it reads and application keys. */
    TransactionLocks transactionLocks();

    /** The worker-polling and claiming queries. */
    PollingSql pollingSql();

    /** The statements of bulk log and event writes. */
    BulkWriteSql bulkWriteSql();

    /** The SQL of the query building blocks (time intervals, JSON predicates). */
    QueryHelperSql queryHelperSql();

    /** The flow run graph's nodes query. */
    RunGraphSql runGraphSql();

    /** How state transitions write their states and runs. */
    TransitionSql transitionSql();

    /** How retention chooses each batch of old rows to delete. */
    RetentionSql retentionSql();

    /** Whether this provider serves the JDBC URL. */
    default boolean accepts(String jdbcUrl) {
        return dialect().acceptsUrl(jdbcUrl);
    }

    /** Among several providers accepting a URL, the highest wins. */
    default int priority() {
        return 0;
    }

    Class<? extends Driver> driverClass();

    /**
     * The URL actually handed to the driver: may resolve files, in-memory names or defaults. Fails with
     * a {@link io.stratum.api.ConfigurationException} naming what is wrong (for example a missing folder).
     */
    default String prepareUrl(DatabaseSettings settings) {
        return settings.url();
    }

    /**
     * The names the {@code driver} setting may give this dialect, lower case: its {@link Dialect#id()}
     * unless the dialect also answers to other names (PostgreSQL: the reference's {@code postgresql+asyncpg}).
     */
    default Set<String> driverNames() {
        return Set.of(dialect().id());
    }

    /**
     * The JDBC URL built from the {@code driver}, {@code host}, {@code port}, {@code name} settings (and
     * {@code user} where the dialect needs it) when no {@code url} is set. Fails with a {@link
     * io.stratum.api.ConfigurationException} listing every missing piece. Never puts the password in the URL.
     */
    default String urlFromParts(DatabaseSettings settings) {
        throw new io.stratum.api.ConfigurationException("The " + dialect().displayName() + " dialect cannot build "
                + "its URL from driver, host, port and name: set " + io.stratum.api.SettingKey.URL.environmentVariable()
                + ".");
    }

    /**
     * Checks, when the interface opens and before anything connects, the settings only some databases
     * use ({@code tls_*}, {@code search_path}), and the files they name. Fails with a {@link
     * io.stratum.api.ConfigurationException} naming the setting (and the path) to fix. The default refuses
     * them all: a dialect never ignores a TLS setting silently.
     */
    default void checkSettings(DatabaseSettings settings) {
        java.util.List<io.stratum.api.SettingKey> given = new java.util.ArrayList<>();
        if (settings.tlsEnabled()) {
            given.add(io.stratum.api.SettingKey.TLS_ENABLED);
        }
        settings.tlsCaFile().ifPresent(f -> given.add(io.stratum.api.SettingKey.TLS_CA_FILE));
        settings.tlsCertFile().ifPresent(f -> given.add(io.stratum.api.SettingKey.TLS_CERT_FILE));
        settings.tlsKeyFile().ifPresent(f -> given.add(io.stratum.api.SettingKey.TLS_KEY_FILE));
        settings.searchPath().ifPresent(f -> given.add(io.stratum.api.SettingKey.SEARCH_PATH));
        if (!given.isEmpty()) {
            throw new io.stratum.api.ConfigurationException("Setting" + (given.size() > 1 ? "s " : " ")
                    + given.stream().map(k -> k.settingName() + " (" + k.environmentVariable() + ")")
                    .collect(java.util.stream.Collectors.joining(", "))
                    + (given.size() > 1 ? " do" : " does") + " not apply to " + dialect().displayName() + " ("
                    + settings.redactedUrl() + ")" + notApplicableReason() + ". Unset "
                    + (given.size() > 1 ? "them" : "it") + ", or use the URL of a database that takes "
                    + (given.size() > 1 ? "them" : "it") + ".");
        }
    }

    /** Why {@link #checkSettings}'s default refuses the server connection settings, e.g. {@code : it opens a local file}. */
    default String notApplicableReason() {
        return "";
    }

    /**
     * Called before the first connection of a pool or a migration operation, and with {@code create}
     * false before {@code isDbConnectable}'s probe. {@code create} true: make what a new database needs
     * (SQLite: Stratum's home folder 0700, the database file 0600). {@code create} false: throw a {@link
     * io.stratum.api.DatabaseNotFoundException} when there is no database, so that nothing is created.
     * Server databases are never created by connecting: the default does nothing.
     */
    default void prepareStorage(DatabaseSettings settings, boolean create) {
    }

    /**
     * Whether the driver logs in with the configured user and password. A database without logins
     * (SQLite) gets neither: sqlite-jdbc would send a password as {@code PRAGMA key} and log it.
     */
    default boolean takesCredentials() {
        return true;
    }

    /** Driver properties for every connection (never including the password, which the pool adds). */
    Map<String, String> connectionProperties(DatabaseSettings settings);

    /**
     * Driver properties for the connections migrations run on (opened for one operation, closed after
     * it; never the application's pool, except for an in-memory database). Defaults to {@link
     * #connectionProperties}; PostgreSQL replaces the statement timeout with {@code migration_timeout}
     * (none: unlimited), so a long index build is not cut off by the application's timeout.
     */
    default Map<String, String> migrationConnectionProperties(DatabaseSettings settings) {
        return connectionProperties(settings);
    }

    /**
     * SQL run on a transaction's connection when the transaction begins, before its first statement, or
     * empty when nothing is needed (the default, and what a direct connection needs). Used when a
     * connection's session may change between transactions ({@link DatabaseSettings#transactionPooler()}):
     * PostgreSQL then sets its session settings with {@code SET LOCAL} here instead of at connect.
     */
    default Optional<String> transactionStartSql(DatabaseSettings settings) {
        return Optional.empty();
    }

    /** Statements run once on every new connection, in order. */
    default List<String> connectionInitSql(DatabaseSettings settings) {
        return List.of();
    }

    /** Isolation level every pooled connection uses ({@link Connection#TRANSACTION_READ_COMMITTED} etc.), or -1 for the driver's. */
    default int isolationLevel() {
        return -1;
    }

    /** How many connections the pool may hold at most; {@code fromSettings} is pool size plus overflow. */
    default int maxPoolSize(DatabaseSettings settings, int fromSettings) {
        return fromSettings;
    }

    /** Whether the database lives only as long as its connections (its one pooled connection is then never closed). */
    default boolean isInMemory(DatabaseSettings settings) {
        return false;
    }

    /** Fully qualified name of the EclipseLink {@code DatabasePlatform} for this database (its package must be exported). */
    String eclipseLinkPlatform();

    /**
     * Called on the transaction's connection right after a for-update transaction begins. SQLite takes
     * the database write lock here ({@code BEGIN IMMEDIATE}); databases with row locks do nothing.
     */
    default void beginForUpdate(Connection transactionConnection) throws SQLException {
    }

    /**
     * Whether the database admits one write transaction at a time (SQLite). The interface then queues
     * this process's transactions fairly, so they wait their turn instead of racing for the lock.
     */
    default boolean singleWriter() {
        return false;
    }

    /**
     * Checks that a new pooled connection carries the session settings the dialect gave it at connect, and
     * throws a {@link io.stratum.api.ConfigurationException} saying what dropped them (PostgreSQL: a pooler
     * that ignores the {@code options} startup parameter, which would silently lose the statement timeout).
     * Called once, on the pool's first connection.
     */
    default void checkSessionSettings(Connection connection, DatabaseSettings settings) throws SQLException {
    }

    /** Checks the server or library is recent enough; throws a {@link io.stratum.api.ConfigurationException} saying what is needed. */
    default void checkServerVersion(Connection connection) throws SQLException {
    }

    /**
     * Why the connection's server cannot take writes at all, or empty when it can: PostgreSQL answers
     * for a standby in recovery ({@code pg_is_in_recovery()}), which refuses every write. Asked before
     * anything of a migration that changes the schema (upgrade, downgrade, stamp, adoption, {@code
     * migrate_on_start}) and of {@code dropDb} starts, so they are refused at once instead of failing
     * half-way. The answer is one clause a message can quote (what the server is and how to point at one
     * that takes writes). SQLite has no standbys: the default says empty.
     */
    default Optional<String> whyNotWritable(Connection connection) throws SQLException {
        return Optional.empty();
    }

    /**
     * Called on a read-only transaction's connection right after the transaction begins, before any
     * statement (see {@code DatabaseInterface#inReadOnlyTransaction}): every write in the transaction
     * must then fail. PostgreSQL: {@code SET TRANSACTION READ ONLY}; SQLite: {@code PRAGMA query_only}
     * (undone by {@link #endReadOnly}).
     */
    void beginReadOnly(Connection transactionConnection) throws SQLException;

    /**
     * Undoes what {@link #beginReadOnly} set beyond the transaction: called on the same connection after
     * the work, right before the transaction ends (commit or rollback; the connection then goes back to the
     * pool). Does nothing when the setting ends with the transaction (PostgreSQL).
     */
    default void endReadOnly(Connection connection) throws SQLException {
    }

    /**
     * Whether read-only sessions may run on a read replica of their own ({@code read_url}): true for a
     * server database with streaming replicas (PostgreSQL). SQLite has none, and refuses the setting.
     */
    default boolean servesReadReplicas() {
        return false;
    }

    /**
     * Drops every object of the connection's schema that the application may have created: all tables
     * (found by reflection, also those only migrations know), views, sequences and dialect types.
     * Gets a connection in auto-commit mode and manages its own transaction: all objects are dropped, or none.
     * The caller holds the {@linkplain #migrationLock migration lock}: whatever the lock keeps in the
     * database while it is held stays (its release removes it).
     */
    void dropAllObjects(Connection connection) throws SQLException;

    /**
     * The named objects of the connection's schema that JDBC metadata does not describe alike on every
     * database, for the schema drift check: indexes (plain, unique, partial, expression), named
     * primary-key, unique, check and foreign-key constraints, and schema-level objects (types,
     * extensions, views, sequences, triggers, functions). Tables and columns are not included (the
     * check reads them from {@link java.sql.DatabaseMetaData}), nor are objects that belong to an
     * extension. An index that implements a constraint is reported once, as the constraint.
     */
    List<SchemaObject> schemaObjects(Connection connection) throws SQLException;

    /**
     * The kinds of value a live column of this type can hold; {@code typeName} is the
     * {@code TYPE_NAME} of {@link java.sql.DatabaseMetaData#getColumns}. Empty for a type the dialect
     * does not use for the model. Native enum types need not be recognised here: the check finds them
     * among the {@link #schemaObjects} ({@link SchemaObject.Kind#ENUM_TYPE}).
     */
    Set<ColumnType> columnTypes(String typeName);

    /**
     * Whether the error means the database file is damaged or is not a database (SQLite result codes
     * {@code SQLITE_CORRUPT} 11 and {@code SQLITE_NOTADB} 26): reported as a {@link
     * io.stratum.api.DatabaseCorruptException}, never as unreachable.
     */
    default boolean isCorruption(SQLException error) {
        return false;
    }

    /**
     * The migration lock of this database, taken through {@code migrationConnections} (one operation's
     * connections; see {@link MigrationEngine.Target}). PostgreSQL: a session advisory lock; SQLite: a lock
     * row naming its holder.
     */
    MigrationLock migrationLock(javax.sql.DataSource migrationConnections);

    /** Whether the error means the database is unreachable or the connection broke, so a retry later may work. */
    default boolean isConnectionFailure(SQLException error) {
        String state = error.getSQLState();
        return state != null && state.startsWith("08");
    }

    /** How this dialect adopts a database made by Prefect's own migrations; empty when it cannot. */
    default Optional<AdoptionSql> adoptionSql() {
        return Optional.empty();
    }
}
