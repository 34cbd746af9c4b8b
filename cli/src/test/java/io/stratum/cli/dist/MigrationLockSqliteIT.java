package io.stratum.cli.dist;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;

/** {@link MigrationLockContract} on SQLite files. */
class MigrationLockSqliteIT extends MigrationLockContract {
    private static final String LOCK_TABLE = "stratum_migration_lock";

    @TempDir
    Path dir;

    private int databases;
    private String url;

    @Override
    Distribution fresh() {
        url = "jdbc:sqlite:" + dir.resolve("stratum-" + ++databases + ".db");
        return Distribution.built().env("STRATUM_HOME", dir.resolve("home").toString()).env("STRATUM_DATABASE_URL", url);
    }

    @Override
    List<String> revisions() throws Exception {
        return Distribution.built().revisions("sqlite");
    }

    @Override
    Map<String, Integer> historyCounts() throws Exception {
        Map<String, Integer> counts = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
             ResultSet exists = statement.executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 'stratum_schema_history'")) {
            exists.next();
            if (exists.getInt(1) == 0) {
                return counts;
            }
        }
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT version, count(*) FROM stratum_schema_history "
                     + "WHERE success = 1 AND type <> 'BASELINE' GROUP BY version")) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getInt(2));
            }
        }
        return counts;
    }

    @Override
    boolean lockHeld() throws Exception {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT count(*) FROM sqlite_master WHERE name = '" + LOCK_TABLE + "'")) {
            row.next();
            if (row.getInt(1) == 0) {
                return false;
            }
        }
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT count(*) FROM " + LOCK_TABLE)) {
            row.next();
            return row.getInt(1) > 0;
        } catch (java.sql.SQLException e) {
            return false;
        }
    }

    /** The row a process on another host holding the lock writes (Bookkeeping.LOCK_TABLE's columns). */
    @Override
    AutoCloseable holdLockElsewhere() throws Exception {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + LOCK_TABLE + " (id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1), "
                    + "owner TEXT NOT NULL, host TEXT NOT NULL, pid INTEGER NOT NULL, process_start TEXT, "
                    + "acquired_at TEXT NOT NULL, expires_at INTEGER NOT NULL)");
            statement.execute("INSERT INTO " + LOCK_TABLE + " VALUES (1, 'tag', 'deploy-7.example', 4711, NULL, "
                    + "'2026-12-06T10:00:00Z', " + (System.currentTimeMillis() + 120_000) + ")");
        }
        return () -> {
            try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE " + LOCK_TABLE);
            }
        };
    }

    @Override
    String heldElsewhereBy() {
        return "host deploy-7.example, pid 4711";
    }
}
