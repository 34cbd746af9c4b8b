package io.stratum.dialect.postgres.internal;

import io.stratum.api.ConfigurationException;
import io.stratum.api.DatabaseSettings;
import io.stratum.api.Dialect;
import io.stratum.api.spi.AdoptionSql;
import io.stratum.api.spi.BulkWriteSql;
import io.stratum.api.spi.ColumnType;
import io.stratum.api.spi.DialectProvider;
import io.stratum.api.spi.PollingSql;
import io.stratum.api.spi.QueryHelperSql;
import io.stratum.api.spi.RetentionSql;
import io.stratum.api.spi.RunGraphSql;
import io.stratum.api.spi.TransitionSql;
import io.stratum.api.spi.SchemaObject;
import io.stratum.api.spi.StorageValues;
import io.stratum.api.spi.TransactionLocks;
import io.stratum.dialect.postgres.eclipselink.PostgresPlatform;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * PostgreSQL: READ COMMITTED always (the counters the engine updates rely on re-evaluation under
 * it), a statement timeout on every connection, row locks from the queries themselves.
 */
public final class PostgresDialect implements DialectProvider {
    /** This dialect, as the api and the shared code see it. */
    public static final Dialect DIALECT = Dialect.builder("postgresql").displayName("PostgreSQL").urlPrefixes("jdbc:postgresql:")
            .artifactId("stratum-dialect-postgres").maxQueryParameters(32_767).build();
    /** {@code gen_random_uuid()} is built in from 13 on. */
    static final int MINIMUM_MAJOR_VERSION = 13;

    /** The column types of the reference schema (4.0), by the names JDBC metadata gives them. */
    private static final Map<String, ColumnType> COLUMN_TYPES = Map.ofEntries(
            Map.entry("uuid", ColumnType.UUID), Map.entry("timestamptz", ColumnType.TIMESTAMP),
            Map.entry("interval", ColumnType.INTERVAL), Map.entry("jsonb", ColumnType.JSON),
            Map.entry("json", ColumnType.JSON), Map.entry("varchar", ColumnType.TEXT), Map.entry("text", ColumnType.TEXT),
            Map.entry("int4", ColumnType.INTEGER), Map.entry("int2", ColumnType.SMALLINT),
            Map.entry("bool", ColumnType.BOOLEAN), Map.entry("float8", ColumnType.DOUBLE));

    private final StorageValues storageValues = new PostgresStorageValues();
    private final TransactionLocks transactionLocks = new PostgresTransactionLocks();
    private final PollingSql pollingSql = new PostgresPollingSql();
    private final BulkWriteSql bulkWriteSql = new PostgresBulkWriteSql();
    private final QueryHelperSql queryHelperSql = new PostgresQueryHelperSql();
    private final RunGraphSql runGraphSql = new PostgresRunGraphSql();
    private final TransitionSql transitionSql = new PostgresTransitionSql();
    private final RetentionSql retentionSql = new PostgresRetentionSql();

    @Override
    public Dialect dialect() {
        return DIALECT;
    }

    @Override
    public StorageValues storageValues() {
        return storageValues;
    }

    @Override
    public TransactionLocks transactionLocks() {
        return transactionLocks;
    }

    @Override
    public PollingSql pollingSql() {
        return pollingSql;
    }

    @Override
    public BulkWriteSql bulkWriteSql() {
        return bulkWriteSql;
    }

    @Override
    public QueryHelperSql queryHelperSql() {
        return queryHelperSql;
    }

    @Override
    public RunGraphSql runGraphSql() {
        return runGraphSql;
    }

    @Override
    public TransitionSql transitionSql() {
        return transitionSql;
    }

    @Override
    public RetentionSql retentionSql() {
        return retentionSql;
    }

    @Override
    public Class<? extends Driver> driverClass() {
        return org.postgresql.Driver.class;
    }

    @Override
    public String prepareUrl(DatabaseSettings settings) {
        PostgresUrl.check(settings.url());
        return PostgresConnectionSettings.withoutIsolation(settings.url());
    }

    @Override
    public Set<String> driverNames() {
        return PostgresConnectionSettings.DRIVER_NAMES;
    }

    @Override
    public String urlFromParts(DatabaseSettings settings) {
        return PostgresConnectionSettings.urlFromParts(settings);
    }

    @Override
    public void checkSettings(DatabaseSettings settings) {
        PostgresConnectionSettings.check(settings);
    }

    /**
     * The session settings every Stratum connection runs with, in one place: written as {@code options}
     * ({@code -c name=value}) at connect on a direct connection, or as {@code SET LOCAL} at the start of
     * each transaction behind a transaction-mode pooler (which refuses the {@code options} startup
     * parameter, and whose server sessions change between transactions). A further session setting (such
     * as {@code search_path}) is one more entry here and reaches both forms.
     *
     * <p>{@code jit=off}: Stratum's queries are short OLTP statements, but the planner's estimates for the
     * polling query (LATERAL joins over tables without statistics yet) pass jit_above_cost, and compiling
     * it took 40 ms of a 73 ms claim whose execution needed 0.4 ms (docs/benchmarks.md). Off for Stratum's
     * sessions only; the server's setting stays as it is for everyone else.
     *
     * @param statementTimeoutMillis the statement timeout; 0 is none
     */
    static Map<String, String> sessionSettings(DatabaseSettings settings, long statementTimeoutMillis) {
        Map<String, String> session = new LinkedHashMap<>();
        session.put("statement_timeout", Long.toString(statementTimeoutMillis));
        session.put("jit", "off");
        PostgresConnectionSettings.isolation(settings).ifPresent(level -> session.put(PostgresConnectionSettings.ISOLATION, level));
        if (settings.transactionPooler()) {
            settings.searchPath().ifPresent(path -> session.put("search_path", path));
        }
        return session;
    }

    /** {@code -c name=value …}, the startup parameter a direct connection carries the session settings in. */
    private static String options(Map<String, String> session) {
        StringBuilder options = new StringBuilder();
        // In options a space separates settings: one inside a value ("read committed") is escaped.
        session.forEach((name, value) -> options.append(options.length() == 0 ? "" : " ").append("-c ").append(name)
                .append('=').append(value.replace("\\", "\\\\").replace(" ", "\\ ")));
        return options.toString();
    }

    @Override
    public Map<String, String> connectionProperties(DatabaseSettings settings) {
        Map<String, String> properties = new LinkedHashMap<>();
        // Lets JSON text bind into jsonb and enum names into the native enum types.
        properties.put("stringtype", "unspecified");
        // The driver takes whole seconds: rounded up, so a connection is never given up before connection_timeout.
        String connectionTimeout = Long.toString(Math.max(1, (settings.connectionTimeout().toMillis() + 999) / 1000));
        properties.put("connectTimeout", connectionTimeout);
        properties.put("loginTimeout", connectionTimeout);
        properties.put("tcpKeepAlive", "true");
        if (!settings.transactionPooler()) {
            // Behind a transaction pooler these arrive with every transaction instead (transactionStartSql).
            properties.put("options", options(sessionSettings(settings, settings.timeout().toMillis())));
        }
        statementCaches(settings, properties);
        settings.applicationName().ifPresent(name -> properties.put("ApplicationName", name));
        PostgresConnectionSettings.addProperties(settings, properties);
        return properties;
    }

    /**
     * statement_cache_size: how many statements pgjdbc keeps per connection (preparedStatementCacheQueries);
     * prepared_statement_cache_size: how many MiB (preparedStatementCacheSizeMiB). Either 0: no server-side
     * prepared statements at all (prepareThreshold=0: every statement is parsed unnamed, as PgBouncer in
     * transaction mode needs, whose next transaction may run on another server session).
     */
    private static void statementCaches(DatabaseSettings settings, Map<String, String> properties) {
        settings.statementCacheSize().ifPresent(size -> properties.put("preparedStatementCacheQueries", Integer.toString(size)));
        settings.preparedStatementCacheSize().ifPresent(size -> properties.put("preparedStatementCacheSizeMiB",
                Integer.toString(size)));
        if (settings.statementCacheSize().orElse(-1) == 0 || settings.preparedStatementCacheSize().orElse(-1) == 0) {
            properties.put("prepareThreshold", "0");
        }
    }

    /**
     * As for the application, but the statement timeout is {@code migration_timeout}; none is 0, unlimited
     * (reference 1.5). Migrations need a session of their own (their lock is a session advisory lock), so
     * their connections always carry the session settings at connect: through a transaction pooler they
     * are refused (see {@link PostgresAdvisoryLock}), and {@code migration_url} leads past it.
     */
    @Override
    public Map<String, String> migrationConnectionProperties(DatabaseSettings settings) {
        Map<String, String> properties = new LinkedHashMap<>(connectionProperties(settings));
        long timeout = settings.migrationTimeout().map(java.time.Duration::toMillis).orElse(0L);
        properties.put("options", options(sessionSettings(settings, timeout)));
        return properties;
    }

    /**
     * Behind a transaction pooler, the session settings as {@code SET LOCAL} statements, sent with the
     * transaction's {@code BEGIN} in one round trip (pgjdbc sends its {@code BEGIN} together with the first
     * statement); they end with the transaction, so no other client of the pooler's server session sees
     * them. Direct connections carry them at connect and need nothing here.
     */
    @Override
    public Optional<String> transactionStartSql(DatabaseSettings settings) {
        if (!settings.transactionPooler()) {
            return Optional.empty();
        }
        StringBuilder sql = new StringBuilder();
        sessionSettings(settings, settings.timeout().toMillis()).forEach((name, value) -> sql
                .append(sql.length() == 0 ? "" : "; ").append("SET LOCAL ").append(name).append(" = '")
                .append(value.replace("'", "''")).append('\''));
        return Optional.of(sql.toString());
    }

    /**
     * A direct connection got the statement timeout in {@code options}; if the server reports another, the
     * parameter was dropped on the way — the usual answer to PgBouncer's "unsupported startup parameter:
     * options" is {@code ignore_startup_parameters = options}, which silently loses the timeout. Behind a
     * transaction pooler the settings come per transaction instead, and there is nothing to check here.
     */
    @Override
    public void checkSessionSettings(Connection connection, DatabaseSettings settings) throws SQLException {
        if (settings.transactionPooler()) {
            return;
        }
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT setting FROM pg_settings WHERE name = 'statement_timeout'")) {
            row.next();
            String actual = row.getString(1);
            String expected = Long.toString(settings.timeout().toMillis());
            if (!expected.equals(actual)) {
                throw new ConfigurationException("The session settings Stratum sends at connect (the options startup "
                        + "parameter: " + options(sessionSettings(settings, settings.timeout().toMillis())) + ") did not "
                        + "reach the server at " + settings.redactedUrl() + ": it reports statement_timeout = " + actual
                        + " ms. A connection pooler that ignores the options parameter (PgBouncer: ignore_startup_parameters "
                        + "= options) drops them. Behind a transaction-mode pooler set "
                        + io.stratum.api.SettingKey.TRANSACTION_POOLER.environmentVariable() + "=true (the settings then "
                        + "travel with each transaction) and keep ignore_startup_parameters = extra_float_digits.");
            }
        }
    }

    @Override
    public int isolationLevel() {
        return Connection.TRANSACTION_READ_COMMITTED;
    }

    @Override
    public String eclipseLinkPlatform() {
        return PostgresPlatform.class.getName();
    }

    @Override
    public void checkServerVersion(Connection connection) throws SQLException {
        int major = connection.getMetaData().getDatabaseMajorVersion();
        if (major < MINIMUM_MAJOR_VERSION) {
            throw new ConfigurationException("Stratum requires PostgreSQL >= " + MINIMUM_MAJOR_VERSION + " (for "
                    + "gen_random_uuid()) but the server is " + connection.getMetaData().getDatabaseProductVersion()
                    + ". Upgrade the server.");
        }
        PostgresConnectionSettings.checkSearchPath(connection);
    }

    /**
     * A hot standby (streaming replica, or a server restoring a backup) is in recovery until promoted,
     * and refuses every write with SQLState 25006. From PostgreSQL 14 on the server reports {@code
     * in_hot_standby} when the connection starts, so the answer costs no round trip; before, {@code
     * SELECT pg_is_in_recovery()} asks.
     */
    @Override
    public Optional<String> whyNotWritable(Connection connection) throws SQLException {
        String reported = connection.isWrapperFor(org.postgresql.PGConnection.class)
                ? connection.unwrap(org.postgresql.PGConnection.class).getParameterStatus("in_hot_standby") : null;
        boolean inRecovery;
        if (reported != null) {
            inRecovery = reported.equalsIgnoreCase("on");
        } else {
            try (Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT pg_is_in_recovery()")) {
                inRecovery = row.next() && row.getBoolean(1);
            }
        }
        if (!inRecovery) {
            return Optional.empty();
        }
        return Optional.of("the server is a read-only standby in recovery (pg_is_in_recovery() is true) and "
                + "takes no writes. Point the URL at the primary, or list every server with "
                + "targetServerType=primary (jdbc:postgresql://host1:port1,host2:port2/db?targetServerType=primary) "
                + "so the driver connects to the one that takes writes");
    }

    /** Must be the transaction's first statement; it ends with the transaction, so {@link #endReadOnly} has nothing to undo. */
    @Override
    public void beginReadOnly(Connection transactionConnection) throws SQLException {
        try (Statement statement = transactionConnection.createStatement()) {
            statement.execute("SET TRANSACTION READ ONLY");
        }
    }

    @Override
    public boolean servesReadReplicas() {
        return true;
    }

    @Override
    public void dropAllObjects(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            String schema = currentSchema(statement);
            for (String table : names(statement, "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                    + "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT EXISTS (SELECT 1 FROM pg_depend d "
                    + "WHERE d.objid = c.oid AND d.deptype = 'e') ORDER BY c.relname")) {
                statement.execute("DROP TABLE IF EXISTS " + qualified(schema, table) + " CASCADE");
            }
            for (String view : names(statement, "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                    + "WHERE n.nspname = current_schema() AND c.relkind IN ('v', 'm') AND NOT EXISTS (SELECT 1 FROM pg_depend d "
                    + "WHERE d.objid = c.oid AND d.deptype = 'e')")) {
                statement.execute("DROP VIEW IF EXISTS " + qualified(schema, view) + " CASCADE");
            }
            for (String sequence : names(statement, "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                    + "WHERE n.nspname = current_schema() AND c.relkind = 'S' AND NOT EXISTS (SELECT 1 FROM pg_depend d "
                    + "WHERE d.objid = c.oid AND d.deptype = 'e')")) {
                statement.execute("DROP SEQUENCE IF EXISTS " + qualified(schema, sequence) + " CASCADE");
            }
            // Enum and domain types outlive their tables; a later CREATE TYPE would fail on them.
            for (String type : names(statement, "SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
                    + "WHERE n.nspname = current_schema() AND t.typtype IN ('e', 'd') AND NOT EXISTS (SELECT 1 FROM pg_depend d "
                    + "WHERE d.objid = t.oid AND d.deptype = 'e')")) {
                statement.execute("DROP TYPE IF EXISTS " + qualified(schema, type) + " CASCADE");
            }
            // Extensions installed into this schema (pg_trgm) leave functions and operators behind. One that
            // another schema still uses is kept: dropping it would break that schema's indexes.
            for (String extension : names(statement, "SELECT e.extname FROM pg_extension e JOIN pg_namespace n "
                    + "ON n.oid = e.extnamespace WHERE n.nspname = current_schema()")) {
                Savepoint savepoint = connection.setSavepoint();
                try {
                    statement.execute("DROP EXTENSION IF EXISTS " + quote(extension));
                    connection.releaseSavepoint(savepoint);
                } catch (SQLException stillUsed) {
                    connection.rollback(savepoint);
                }
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /**
     * Class 08 (connection exception) and the server going away: 57P01 admin shutdown (also a fast or
     * immediate stop), 57P02 crash shutdown, 57P03 cannot connect now (starting up or shutting down).
     */
    @Override
    public boolean isConnectionFailure(SQLException error) {
        String state = error.getSQLState();
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03"));
    }

    @Override
    public Optional<AdoptionSql> adoptionSql() {
        return Optional.of(new PostgresAdoptionSql());
    }

    @Override
    public List<SchemaObject> schemaObjects(Connection connection) throws SQLException {
        return PostgresSchemaObjects.read(connection);
    }

    @Override
    public Set<ColumnType> columnTypes(String typeName) {
        ColumnType type = COLUMN_TYPES.get(typeName);
        return type == null ? Set.of() : Set.of(type);
    }

    private static String currentSchema(Statement statement) throws SQLException {
        try (ResultSet row = statement.executeQuery("SELECT current_schema()")) {
            row.next();
            String schema = row.getString(1);
            if (schema == null) {
                throw new ConfigurationException("The connection has no current schema: the schemas on its search_path "
                        + "do not exist. Create the schema or fix currentSchema in the URL.");
            }
            return schema;
        }
    }

    private static List<String> names(Statement statement, String query) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    private static String qualified(String schema, String name) {
        return quote(schema) + "." + quote(name);
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public io.stratum.api.spi.MigrationLock migrationLock(javax.sql.DataSource migrationConnections) {
        return new PostgresAdvisoryLock(migrationConnections);
    }
}
