package io.stratum.dialect.sqlite.internal;

import io.stratum.api.ConfigurationException;
import io.stratum.api.DatabaseCorruptException;
import io.stratum.api.DatabaseNotFoundException;
import io.stratum.api.DatabaseSettings;
import io.stratum.api.Dialect;
import io.stratum.api.SettingKey;
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
import io.stratum.dialect.sqlite.eclipselink.SqlitePlatform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final RunGraphSql runGraphSql = new SqliteRunGraphSql();
    private final TransitionSql transitionSql = new SqliteTransitionSql();
    private final RetentionSql retentionSql = new SqliteRetentionSql();

    /** SQLite has no login; a password given anyway must not become sqlite-jdbc's {@code PRAGMA key}. */
    @Override
    public boolean takesCredentials() {
        return false;
    }

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
        return org.sqlite.JDBC.class;
    }

    /** The names of the {@code driver} setting for SQLite: ours and the reference's. */
    private static final Set<String> DRIVER_NAMES = Set.of("sqlite", "sqlite+aiosqlite");

    @Override
    public Set<String> driverNames() {
        return DRIVER_NAMES;
    }

    /** {@code jdbc:sqlite:<name>}, or the default file when no name is set (reference); host and port do not apply. */
    @Override
    public String urlFromParts(DatabaseSettings settings) {
        if (settings.host().isPresent() || settings.port().isPresent()) {
            throw new ConfigurationException("Settings " + SettingKey.HOST.environmentVariable() + " and "
                    + SettingKey.PORT.environmentVariable() + " do not apply to driver " + settings.driver().orElse("sqlite")
                    + ": SQLite opens a local file, named by " + SettingKey.NAME.environmentVariable()
                    + " (unset: the default file under Stratum's home). Unset them.");
        }
        return settings.name().map(file -> DIALECT.urlPrefix() + file)
                .orElseGet(() -> DatabaseSettings.defaultUrl(settings.home()));
    }

    @Override
    public String notApplicableReason() {
        return ": SQLite opens a local file, with no network connection to encrypt and no schemas to search";
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
        Path folder = file.toAbsolutePath().getParent();
        if (!settings.allowSymlinks()) {
            refuseSymlink(file, "SQLite database");
            if (isDefaultHome(folder)) {
                refuseSymlink(folder, "Stratum's home folder");
            }
        }
        if (Files.isDirectory(file)) {
            throw new ConfigurationException("SQLite database " + file + " is a folder, not a file. Set "
                    + SettingKey.URL.environmentVariable() + " to a file, for example jdbc:sqlite:"
                    + file.resolve("stratum.db") + ".");
        }
        Path notAFolder = folder == null ? null : firstNonFolder(folder);
        if (notAFolder != null) {
            throw new ConfigurationException("The folder of SQLite database " + file + " cannot exist: " + notAFolder
                    + " is a file, not a folder. Set " + SettingKey.URL.environmentVariable()
                    + " to a file in an existing, writable folder.");
        }
        if (settings.readOnly()) {
            if (!Files.isRegularFile(file)) {
                throw new DatabaseNotFoundException(file.toString());
            }
            requireSqliteHeader(file, settings);
            return inspectionUrl(file, settings.url());
        }
        if (folder != null && !Files.isDirectory(folder) && !isDefaultHome(folder)) {
            throw new ConfigurationException("The folder of SQLite database " + file + " does not exist. Create "
                    + folder + ", or set " + SettingKey.URL.environmentVariable()
                    + " to a file in an existing folder.");
        }
        if (folder != null && Files.isDirectory(folder) && !Files.isWritable(folder)) {
            throw new ConfigurationException("The folder of SQLite database " + file + " is not writable, and SQLite "
                    + "needs to create its -wal and -shm files there. Make " + folder + " writable, or use another folder "
                    + "(the read-only commands check, current, history and verify work without).");
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw new ConfigurationException("SQLite database " + file + " is read-only. Make it writable for the "
                    + "user running Stratum (the read-only commands check, current, history and verify work without).");
        }
        requireSqliteHeader(file, settings);
        return settings.url();
    }

    /**
     * Before the first connection that may write: a missing home folder is created 0700 and a missing
     * database file 0600 (SQLite gives its -wal, -shm and -journal files the database file's mode), so
     * that credentials in block documents and variables are private under any umask. Existing files
     * and folders keep their mode. Without {@code create}, a missing file is a {@link
     * DatabaseNotFoundException}.
     */
    @Override
    public void prepareStorage(DatabaseSettings settings, boolean create) {
        SqliteLocation location = SqliteLocation.parse(settings.url());
        if (location.inMemory()) {
            return;
        }
        Path file = location.file();
        if (!Files.exists(file)) {
            if (!create) {
                throw new DatabaseNotFoundException(file.toString());
            }
            createPrivately(file);
        }
        if (!settings.readOnly()) {
            switchToWriteAheadLog(file, settings);
        }
    }

    private static void createPrivately(Path file) {
        Path folder = file.toAbsolutePath().getParent();
        try {
            if (folder != null && !Files.isDirectory(folder) && isDefaultHome(folder)) {
                Files.createDirectories(folder, privateMode(folder, "rwx------"));
            }
            Files.createFile(file, privateMode(file, "rw-------"));
        } catch (java.nio.file.FileAlreadyExistsException racedWithAnotherProcess) {
            // Another process created it a moment ago: its mode stands.
        } catch (java.io.IOException e) {
            throw new ConfigurationException("Could not create SQLite database " + file + ": " + e.getMessage()
                    + ". Make its folder writable, or set " + SettingKey.URL.environmentVariable() + " (or "
                    + DatabaseSettings.HOME_ENVIRONMENT_VARIABLE + ") to a writable place.", e);
        }
    }

    /**
     * Puts a file still in rollback-journal mode (a new one) in WAL mode before any connection asks for it.
     * Every connection asks ({@code journal_mode=WAL} in {@link #connectionProperties}), and connections
     * opened at the same moment on such a file each try the switch, which needs the file's exclusive lock:
     * SQLite answers all but one with SQLITE_BUSY at once, without waiting out the busy timeout (three
     * opens at once on a new file failed 20 times in 300). Here the switch is retried until the lock
     * timeout; once the file is in WAL mode, asking again takes no lock. Whatever else goes wrong is left
     * to the connection that follows, which reports it as it would any other.
     */
    private void switchToWriteAheadLog(Path file, DatabaseSettings settings) {
        if (isWalMode(file) || !hasSqliteHeader(file)) {
            return;
        }
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("busy_timeout", Long.toString(settings.timeout().toMillis()));
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        while (true) {
            try (Connection connection = new org.sqlite.JDBC().connect(settings.url(), properties);
                 Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode = WAL");
                return;
            } catch (SQLException e) {
                if (!SqliteLockRow.isBusy(e) || System.nanoTime() > deadline) {
                    return;
                }
            }
            try {
                Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 20));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** POSIX permissions for a new file or folder; none on file systems without POSIX permissions. */
    private static FileAttribute<?>[] privateMode(Path path, String permissions) throws java.io.IOException {
        Path existing = path.toAbsolutePath().getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        boolean posix = existing != null && Files.getFileStore(existing).supportsFileAttributeView(PosixFileAttributeView.class);
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))}
                : new FileAttribute<?>[0];
    }

    private static boolean isDefaultHome(Path folder) {
        return folder != null && folder.equals(DatabaseSettings.defaultHome().toAbsolutePath());
    }

    /** Refuses a symbolic link (also a dangling one), naming it and its target. */
    private static void refuseSymlink(Path path, String what) {
        if (!Files.isSymbolicLink(path)) {
            return;
        }
        String target;
        try {
            Path linked = Files.readSymbolicLink(path);
            target = linked + (Files.exists(path) ? "" : ", which does not exist");
        } catch (java.io.IOException | UnsupportedOperationException e) {
            target = "an unreadable target";
        }
        throw new ConfigurationException(what + " " + path + " is a symbolic link to " + target + ". Stratum does not "
                + "follow links there (a link can point its writes anywhere). Use the real path, or set "
                + SettingKey.ALLOW_SYMLINKS.environmentVariable() + "=true to allow links.");
    }

    /**
     * The URL for a read-only open. A WAL database without a -wal file (no writer open, nothing
     * uncommitted) is opened {@code immutable}: SQLite then reads the file alone and creates no -wal or
     * -shm file, which it otherwise would even for a read-only connection, and which a read-only folder
     * would refuse. With a -wal file present (a writer is open, or crashed) the read-only open uses it.
     */
    private static String inspectionUrl(Path file, String url) {
        if (!isWalMode(file) || Files.exists(Path.of(file + "-wal"))) {
            return url;
        }
        StringBuilder uri = new StringBuilder("jdbc:sqlite:file:");
        for (char c : file.toAbsolutePath().toString().toCharArray()) {
            // A URI file name: characters that end the path or start an escape are percent-encoded.
            if (c == '?' || c == '#' || c == '%') {
                uri.append('%').append(String.format("%02X", (int) c));
            } else {
                uri.append(c);
            }
        }
        return uri.append("?immutable=1").toString();
    }

    /** Bytes 18 and 19 of the header (file format write/read version) are 2 in WAL mode. */
    private static boolean isWalMode(Path file) {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            byte[] header = in.readNBytes(20);
            return header.length == 20 && header[18] == 2 && header[19] == 2;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static void requireSqliteHeader(Path file, DatabaseSettings settings) {
        if (!hasSqliteHeader(file)) {
            throw new DatabaseCorruptException(settings.redactedUrl(), "the file does not start with the SQLite header "
                    + "(SQLITE_NOTADB: file is not a database) and was left untouched; if it is not meant to be a database, "
                    + "set " + SettingKey.URL.environmentVariable() + " to the right file", null);
        }
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
        if (settings.readOnly() && !inMemory) {
            // SQLITE_OPEN_READONLY: never creates the file, never writes; the journal mode is left as it is.
            properties.put("open_mode", Integer.toString(org.sqlite.SQLiteOpenMode.READONLY.flag));
        } else if (!inMemory) {
            properties.put("journal_mode", "WAL");
        }
        properties.put("foreign_keys", "true");
        // Renames update the references to the renamed table, which table-copy migrations rely on.
        properties.put("legacy_alter_table", "false");
        properties.put("synchronous", "NORMAL");
        properties.put("cache_size", "20000");
        // Sorts and materialised subqueries in memory, not in temporary files: the flow run graph of
        // 5,000 task runs took three to four times longer with its temporary b-trees on disk.
        properties.put("temp_store", "MEMORY");
        properties.put("busy_timeout", Long.toString(settings.timeout().toMillis()));
        // Plain transactions begin DEFERRED: the driver's commit() begins the next transaction at once, and
        // an IMMEDIATE one there could fail with "database is locked" after the commit itself succeeded.
        // Transactions that read before they write take the lock explicitly (beginForUpdate).
        properties.put("transaction_mode", "DEFERRED");
        return properties;
    }

    /** The pragmas run on every new connection (connectionInitSql) by Stratum itself: nothing can drop them. */
    @Override
    public void checkSessionSettings(Connection connection, DatabaseSettings settings) {
    }

    /** A file has no pooler in front and its connection settings hold for the connection's life: nothing per transaction. */
    @Override
    public Optional<String> transactionStartSql(DatabaseSettings settings) {
        return Optional.empty();
    }

    /**
     * Takes the database write lock now: the transaction that the driver began DEFERRED (nothing read
     * yet) is replaced by a {@code BEGIN IMMEDIATE} one, so its later reads never need a lock upgrade.
     */
    @Override
    public void beginForUpdate(Connection transactionConnection) throws SQLException {
        if (transactionConnection.isWrapperFor(org.sqlite.SQLiteConnection.class)) {
            // Both in one sqlite3_exec: this runs inside the process's write turn, which every other writer
            // waits for, and two prepared statements cost a measurable share of a single transition there.
            org.sqlite.core.DB database = transactionConnection.unwrap(org.sqlite.SQLiteConnection.class).getDatabase();
            int result = database._exec("COMMIT; BEGIN IMMEDIATE");
            if (result != org.sqlite.core.Codes.SQLITE_OK) {
                database.throwex(result);
            }
            return;
        }
        try (Statement statement = transactionConnection.createStatement()) {
            statement.execute("COMMIT");
            statement.execute("BEGIN IMMEDIATE");
        }
    }

    /**
     * {@code PRAGMA query_only}: every statement that would change the file fails with SQLITE_READONLY
     * ("attempt to write a readonly database"). It belongs to the connection, not the transaction, so
     * {@link #endReadOnly} clears it before the connection goes back to the pool. The transaction stays
     * DEFERRED: it takes no write lock and never waits for one.
     */
    @Override
    public void beginReadOnly(Connection transactionConnection) throws SQLException {
        try (Statement statement = transactionConnection.createStatement()) {
            statement.execute("PRAGMA query_only = 1");
        }
    }

    @Override
    public void endReadOnly(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA query_only = 0");
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
        // The migration lock's table stays: the caller holds the lock while it drops, and releasing it
        // removes the table.
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT type, name FROM sqlite_master WHERE type IN "
                     + "('view', 'trigger', 'table') AND name NOT LIKE 'sqlite_%' AND name <> '" + SqliteLockRow.TABLE
                     + "' ORDER BY CASE type WHEN 'trigger' THEN 0 WHEN 'view' THEN 1 ELSE 2 END, name")) {
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
    public Optional<AdoptionSql> adoptionSql() {
        return Optional.of(new SqliteAdoptionSql());
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

    /** SQLITE_CORRUPT (11) and SQLITE_NOTADB (26), also as the primary code of an extended result code. */
    @Override
    public boolean isCorruption(SQLException error) {
        int primary = error.getErrorCode() & 0xff;
        String message = String.valueOf(error.getMessage());
        return error instanceof org.sqlite.SQLiteException && (primary == 11 || primary == 26)
                || message.contains("[SQLITE_CORRUPT") || message.contains("[SQLITE_NOTADB");
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public io.stratum.api.spi.MigrationLock migrationLock(javax.sql.DataSource migrationConnections) {
        return new SqliteLockRow(migrationConnections);
    }
}
