package io.stratum.cli.dist;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** {@link MigrationLockContract} on PostgreSQL: a database per scenario, dropped after the test. */
class MigrationLockPostgresIT extends MigrationLockContract {
    /** Documented as io.stratum.migrations.Bookkeeping.POSTGRES_ADVISORY_LOCK_KEY. */
    private static final long KEY = 0x0053_7472_6174_756DL;

    @TempDir
    Path dir;

    private final List<String> created = new ArrayList<>();
    private String url;

    @BeforeAll
    static void serverIsReachable() {
        PostgresDistributionIT.serverIsReachable();
    }

    @Override
    Distribution fresh() throws Exception {
        String name = "cli_lock_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        try (Connection admin = connect(PostgresDistributionIT.ADMIN_URL); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        created.add(name);
        String admin = PostgresDistributionIT.ADMIN_URL;
        int slash = admin.lastIndexOf('/');
        int query = admin.indexOf('?', slash);
        url = admin.substring(0, slash + 1) + name + (query >= 0 ? admin.substring(query) : "");
        Distribution stratum = Distribution.built()
                .env("STRATUM_HOME", dir.resolve("home").toString())
                .env("STRATUM_DATABASE_URL", url)
                .env("STRATUM_DATABASE_USER", PostgresDistributionIT.USER);
        if (PostgresDistributionIT.password != null) {
            stratum.env("STRATUM_DATABASE_PASSWORD", PostgresDistributionIT.password);
        }
        return stratum;
    }

    @AfterEach
    void dropDatabases() throws SQLException {
        try (Connection admin = connect(PostgresDistributionIT.ADMIN_URL); Statement statement = admin.createStatement()) {
            for (String name : created) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
    }

    @Override
    List<String> revisions() throws Exception {
        return Distribution.built().revisions("postgresql");
    }

    @Override
    Map<String, Integer> historyCounts() throws Exception {
        Map<String, Integer> counts = new TreeMap<>();
        try (Connection connection = connect(url); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT version, count(*) FROM stratum_schema_history "
                     + "WHERE success AND type <> 'BASELINE' GROUP BY version")) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getInt(2));
            }
        } catch (SQLException e) {
            if (!"42P01".equals(e.getSQLState())) {
                throw e;
            }
        }
        return counts;
    }

    @Override
    boolean lockHeld() throws Exception {
        try (Connection connection = connect(url); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                     + "AND classid::bigint = " + (KEY >>> 32) + " AND objid::bigint = " + (KEY & 0xFFFF_FFFFL)
                     + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
            row.next();
            return row.getInt(1) > 0;
        }
    }

    /** A plain session (application_name "deploy-script") holding the key, as any role could. */
    @Override
    AutoCloseable holdLockElsewhere() throws Exception {
        Connection connection = connect(url);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET application_name = 'deploy-script'");
            statement.execute("SELECT pg_advisory_lock(" + KEY + ")");
        }
        return connection::close;
    }

    @Override
    String heldElsewhereBy() {
        return "application 'deploy-script', role " + PostgresDistributionIT.USER;
    }

    private static Connection connect(String jdbcUrl) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", PostgresDistributionIT.USER);
        if (PostgresDistributionIT.password != null) {
            properties.setProperty("password", PostgresDistributionIT.password);
        }
        properties.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(jdbcUrl, properties);
    }
}
