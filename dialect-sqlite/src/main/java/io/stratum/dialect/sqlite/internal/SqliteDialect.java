package io.stratum.dialect.sqlite.internal;

import io.stratum.api.ConfigurationException;
import io.stratum.api.DatabaseSettings;
import io.stratum.api.Dialect;
import io.stratum.api.spi.BulkWriteSql;
import io.stratum.api.spi.ColumnType;
import io.stratum.api.spi.DialectProvider;
import io.stratum.api.spi.PollingSql;
import io.stratum.api.spi.QueryHelperSql;
import io.stratum.api.spi.SchemaObject;
import io.stratum.api.spi.StorageValues;
import io.stratum.api.spi.TransactionLocks;
import io.stratum.dialect.sqlite.eclipselink.SqlitePlatform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SQLite: one file (or memory), one writer at a time. Every connection runs in WAL mode with foreign
 * keys on and waits {@code timeout} for the write lock instead of failing. A for-update transaction
 * begins {@code IMMEDIATE}, so it never has to upgrade a read lock to a write lock — the upgrade SQLite
 * refuses at once with "database is locked", whatever the busy timeout. Within one process the
 * interface admits one write transaction at a time, in arrival order, so writers queue instead of
 * racing for the lock; the busy timeout covers writers in other processes.
 */
public final class SqliteDialect implements DialectProvider {
    /** This dialect, as the api and the shared code see it. */
    public static final Dialect DIALECT = Dialect.builder("sqlite").displayName("SQLite").urlPrefixes("jdbc:sqlite:")
            .artifactId("stratum-dialect-sqlite").maxQueryParameters(999).build();
    /** {@code RETURNING} (3.35) and {@code ALTER TABLE DROP COLUMN} (3.35), which migrations and queries use. */
    static final int[] MINIMUM_VERSION = {3, 35, 0};

    /**
     * The declared column types of the reference's SQLite schema (4.0), as JDBC metadata names them
     * (without size): UUIDs are CHAR(36) text; timestamps and intervals (offsets from 1970-01-01) are
     * DATETIME text; enums are VARCHAR holding the member name.
     */
    private static final Map<String, Set<ColumnType>> COLUMN_TYPES = Map.of(
            "CHAR", Set.of(ColumnType.UUID), "DATETIME", Set.of(ColumnType.TIMESTAMP, ColumnType.INTERVAL),
            "JSON", Set.of(ColumnType.JSON), "VARCHAR", Set.of(ColumnType.TEXT, ColumnType.ENUM),
            "TEXT", Set.of(ColumnType.TEXT), "BOOLEAN", Set.of(ColumnType.BOOLEAN), "INTEGER", Set.of(ColumnType.INTEGER),
            "SMALLINT", Set.of(ColumnType.SMALLINT), "FLOAT", Set.of(ColumnType.DOUBLE));

    private final StorageValues storageValues = new SqliteStorageValues();
    private final TransactionLocks transactionLocks = new SqliteTransactionLocks();
    private final PollingSql pollingSql = new SqlitePollingSql();
    private final BulkWriteSql bulkWriteSql = new SqliteBulkWriteSql();
    private final QueryHelperSql queryHelperSql = new SqliteQueryHelperSql();

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
    public Class<? extends Driver> driverClass() {
        return org.sqlite.JDBC.class;
    }

    @Override
    public String prepareUrl(DatabaseSettings settings) {
        SqliteLocation location;
        try {
            location = SqliteLocation.parse(settings.url());
        } catch (java.nio.file.InvalidPathException e) {
            // A NUL character would end the message where a terminal prints it: shown as \0.
            throw new ConfigurationException(("SQLite URL '" + settings.redactedUrl() + "' names no usable file: "
                    + e.getMessage() + ". Use jdbc:sqlite:<path to a file>, for example jdbc:sqlite:/var/lib/stratum/stratum.db.")
                    .replace("\u0000", "\\0"), e);
        }
        if (location.inMemory()) {
            return settings.url();
        }
        Path file = location.file();
        if (Files.isDirectory(file)) {
            throw new ConfigurationException("SQLite database " + file + " is a folder, not a file. Set "
                    + io.stratum.api.SettingKey.URL.environmentVariable() + " to a file, for example jdbc:sqlite:"
                    + file.resolve("stratum.db") + ".");
        }
        Path folder = file.toAbsolutePath().getParent();
        boolean isDefaultHome = folder != null && folder.equals(DatabaseSettings.defaultHome().toAbsolutePath());
        Path notAFolder = folder == null ? null : firstNonFolder(folder);
        if (notAFolder != null) {
            throw new ConfigurationException("The folder of SQLite database " + file + " cannot exist: " + notAFolder
                    + " is a file, not a folder. Set " + io.stratum.api.SettingKey.URL.environmentVariable()
                    + " to a file in an existing, writable folder.");
        }
        if (folder != null && !Files.isDirectory(folder)) {
            if (!isDefaultHome) {
                throw new ConfigurationException("The folder of SQLite database " + file + " does not exist. Create "
                        + folder + ", or set " + io.stratum.api.SettingKey.URL.environmentVariable()
                        + " to a file in an existing folder.");
            }
            try {
                Files.createDirectories(folder);
            } catch (java.io.IOException e) {
                throw new ConfigurationException("Could not create Stratum's home folder " + folder + ": " + e.getMessage()
                        + ". Set STRATUM_HOME to a writable folder.", e);
            }
        }
        if (folder != null && !Files.isWritable(folder)) {
            throw new ConfigurationException("The folder of SQLite database " + file + " is not writable, and SQLite "
                    + "needs to create its -wal and -shm files there. Make " + folder + " writable, or use another folder.");
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw new ConfigurationException("SQLite database " + file + " is read-only. Make it writable for the "
                    + "user running Stratum.");
        }
        if (!hasSqliteHeader(file)) {
            throw new ConfigurationException("The file " + file + " is not a SQLite database (it does not start with the "
                    + "SQLite header) and was left untouched. Set " + io.stratum.api.SettingKey.URL.environmentVariable()
                    + " to a Stratum database, or to a new file name for a new one.");
        }
        return settings.url();
    }

    /** The 16 bytes every SQLite database file starts with. */
    private static final byte[] HEADER = "SQLite format 3\u0000".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /**
     * Whether the file is missing, empty (SQLite makes an empty file a new database) or starts with the
     * SQLite header; a file that cannot be read counts as a database (SQLite then says what is wrong).
     */
    private static boolean hasSqliteHeader(Path file) {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            byte[] start = in.readNBytes(HEADER.length);
            return start.length == 0 || java.util.Arrays.equals(start, HEADER);
        } catch (java.nio.file.NoSuchFileException e) {
            return true;
        } catch (java.io.IOException e) {
            return true;
        }
    }

    /** The first of the folder and its ancestors that exists as something other than a folder, or null. */
    private static Path firstNonFolder(Path folder) {
        for (Path p = folder; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                return Files.isDirectory(p) ? null : p;
            }
        }
        return null;
    }

    @Override
    public Map<String, String> connectionProperties(DatabaseSettings settings) {
        boolean inMemory = SqliteLocation.parse(settings.url()).inMemory();
        Map<String, String> properties = new LinkedHashMap<>();
        if (!inMemory) {
            properties.put("journal_mode", "WAL");
        }
        properties.put("foreign_keys", "true");
        // Renames update the references to the renamed table, which table-copy migrations rely on.
        properties.put("legacy_alter_table", "false");
        properties.put("synchronous", "NORMAL");
        properties.put("cache_size", "20000");
        properties.put("busy_timeout", Long.toString(settings.timeout().toMillis()));
        // Plain transactions begin DEFERRED: the driver's commit() begins the next transaction at once, and
        // an IMMEDIATE one there could fail with "database is locked" after the commit itself succeeded.
        // Transactions that read before they write take the lock explicitly (beginForUpdate).
        properties.put("transaction_mode", "DEFERRED");
        return properties;
    }

    /**
     * Takes the database write lock now: the transaction that the driver began DEFERRED (nothing read
     * yet) is replaced by a {@code BEGIN IMMEDIATE} one, so its later reads never need a lock upgrade.
     */
    @Override
    public void beginForUpdate(Connection transactionConnection) throws SQLException {
        try (Statement statement = transactionConnection.createStatement()) {
            statement.execute("COMMIT");
            statement.execute("BEGIN IMMEDIATE");
        }
    }

    /** SQLite has one writer at a time; the interface queues this process's writers fairly in front of it. */
    @Override
    public boolean singleWriter() {
        return true;
    }

    @Override
    public int maxPoolSize(DatabaseSettings settings, int fromSettings) {
        // An in-memory database lives as long as its one connection: keep exactly one.
        return SqliteLocation.parse(settings.url()).inMemory() ? 1 : fromSettings;
    }

    @Override
    public boolean isInMemory(DatabaseSettings settings) {
        return SqliteLocation.parse(settings.url()).inMemory();
    }

    @Override
    public String eclipseLinkPlatform() {
        return SqlitePlatform.class.getName();
    }

    @Override
    public void checkServerVersion(Connection connection) throws SQLException {
        String version = connection.getMetaData().getDatabaseProductVersion();
        if (!atLeast(version, MINIMUM_VERSION)) {
            throw new ConfigurationException("Stratum requires SQLite >= 3.35.0 but the driver provides SQLite " + version
                    + ". Use org.xerial:sqlite-jdbc 3.35.0.0 or newer.");
        }
    }

    /**
     * Whether a version such as {@code 3.45.1} (or {@code 3.35}, {@code 3.36.0-beta}) is at least
     * {@code minimum}; a part without leading digits counts as 0, so an unreadable version is too old.
     */
    static boolean atLeast(String version, int[] minimum) {
        String[] parts = version == null ? new String[0] : version.trim().split("\\.");
        for (int i = 0; i < minimum.length; i++) {
            String digits = i < parts.length ? parts[i].replaceAll("\\D.*", "") : "";
            int part;
            try {
                part = digits.isEmpty() ? 0 : Integer.parseInt(digits);
            } catch (NumberFormatException tooLong) {
                part = Integer.MAX_VALUE;
            }
            if (part != minimum[i]) {
                return part > minimum[i];
            }
        }
        return true;
    }

    @Override
    public void dropAllObjects(Connection connection) throws SQLException {
        List<String[]> objects = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT type, name FROM sqlite_master WHERE type IN "
                     + "('view', 'trigger', 'table') AND name NOT LIKE 'sqlite_%' ORDER BY CASE type WHEN 'trigger' "
                     + "THEN 0 WHEN 'view' THEN 1 ELSE 2 END, name")) {
            while (rows.next()) {
                objects.add(new String[] {rows.getString(1), rows.getString(2)});
            }
        }
        boolean autoCommit = connection.getAutoCommit();
        try (Statement statement = connection.createStatement()) {
            // Foreign keys can only be switched outside a transaction; with them off, dropping a parent
            // does not try to cascade into children dropped a moment later.
            if (!autoCommit) {
                connection.commit();
                connection.setAutoCommit(true);
            }
            statement.execute("PRAGMA foreign_keys = OFF");
            try {
                connection.setAutoCommit(false);
                for (String[] object : objects) {
                    statement.execute("DROP " + object[0].toUpperCase(java.util.Locale.ROOT) + " IF EXISTS "
                            + quote(object[1]));
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
                statement.execute("PRAGMA foreign_keys = ON");
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    @Override
    public List<SchemaObject> schemaObjects(Connection connection) throws SQLException {
        return SqliteSchemaObjects.read(connection);
    }

    @Override
    public Set<ColumnType> columnTypes(String typeName) {
        return COLUMN_TYPES.getOrDefault(typeName.toUpperCase(java.util.Locale.ROOT), Set.of());
    }

    @Override
    public boolean isConnectionFailure(SQLException error) {
        String message = String.valueOf(error.getMessage());
        return message.contains("SQLITE_CANTOPEN") || message.contains("SQLITE_IOERR");
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
