package io.stratum.dialect.sqlite.internal;

import io.stratum.api.ConfigurationException;
import io.stratum.api.DatabaseSettings;
import io.stratum.api.Dialect;
import io.stratum.api.spi.DialectProvider;
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

/**
 * SQLite: one file (or memory), one writer at a time. Every connection runs in WAL mode with foreign
 * keys on and waits {@code timeout} for the write lock instead of failing. Transactions that write
 * begin {@code IMMEDIATE}, so a transaction never has to upgrade a read lock to a write lock — the
 * upgrade SQLite refuses at once with "database is locked", whatever the busy timeout.
 */
public final class SqliteDialect implements DialectProvider {
    /** {@code RETURNING} (3.35) and {@code ALTER TABLE DROP COLUMN} (3.35), which migrations and queries use. */
    static final int[] MINIMUM_VERSION = {3, 35, 0};

    @Override
    public Dialect dialect() {
        return Dialect.SQLITE;
    }

    @Override
    public Class<? extends Driver> driverClass() {
        return org.sqlite.JDBC.class;
    }

    @Override
    public String prepareUrl(DatabaseSettings settings) {
        SqliteLocation location = SqliteLocation.parse(settings.url());
        if (location.inMemory()) {
            return settings.url();
        }
        Path file = location.file();
        Path folder = file.toAbsolutePath().getParent();
        boolean isDefaultHome = folder != null && folder.equals(DatabaseSettings.defaultHome().toAbsolutePath());
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
        return settings.url();
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
        // The write connection's transactions take the write lock at BEGIN (see the class comment).
        properties.put("transaction_mode", "IMMEDIATE");
        return properties;
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

    static boolean atLeast(String version, int[] minimum) {
        String[] parts = version.split("\\.");
        for (int i = 0; i < minimum.length; i++) {
            int part = i < parts.length ? Integer.parseInt(parts[i].replaceAll("\\D.*", "")) : 0;
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
    public boolean isConnectionFailure(SQLException error) {
        String message = String.valueOf(error.getMessage());
        return message.contains("SQLITE_CANTOPEN") || message.contains("SQLITE_IOERR");
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
