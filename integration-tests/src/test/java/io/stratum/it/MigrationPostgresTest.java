package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.MigrationException;
import io.stratum.api.Migrations;
import io.stratum.migrations.Bookkeeping;
import io.stratum.migrations.RevisionScripts;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MigrationPostgresTest extends MigrationContract {

    @Override
    TestDatabase newDatabase() {
        return new PostgresTestDatabase();
    }

    @Override
    String rejectHistoryInsertsThenCreate(String marker) {
        return "CREATE FUNCTION stratum_test_reject() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                + "BEGIN\n  RAISE EXCEPTION 'the history is read-only';\nEND\n$$;\n"
                + "CREATE TRIGGER stratum_test_reject BEFORE INSERT ON " + Bookkeeping.HISTORY_TABLE
                + " FOR EACH ROW EXECUTE FUNCTION stratum_test_reject();\n"
                + "CREATE TABLE " + marker + " (id integer);";
    }

    @Override
    AutoCloseable holdMigrationLockElsewhere() throws Exception {
        Connection connection = database.connect();
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(" + Bookkeeping.POSTGRES_ADVISORY_LOCK_KEY + ")");
        }
        return connection::close;
    }

    @Override
    String heldElsewhereBy() {
        return "PostgreSQL server process";
    }

    @Override
    boolean migrationLockLeftBehind() throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                     + "AND classid::bigint = " + (Bookkeeping.POSTGRES_ADVISORY_LOCK_KEY >>> 32) + " AND objid::bigint = "
                     + (Bookkeeping.POSTGRES_ADVISORY_LOCK_KEY & 0xFFFF_FFFFL) + " AND database = (SELECT oid FROM pg_database "
                     + "WHERE datname = current_database())")) {
            row.next();
            return row.getInt(1) > 0;
        }
    }

    @Override
    Map<String, String> processEnvironment() {
        return Map.of("STRATUM_DATABASE_URL", ((PostgresTestDatabase) database).url(),
                "STRATUM_DATABASE_USER", PostgresTestDatabase.USER,
                "STRATUM_DATABASE_PASSWORD", PostgresTestDatabase.PASSWORD);
    }

    /** A revision that sleeps two seconds and records the statement timeout it ran under. */
    private RevisionScripts slowRevision() {
        return RevisionScripts.bundled().with(database.dialect(), "V" + TEST_REVISION_1 + "__slow.sql",
                "SELECT pg_sleep(2);\n"
                        + "CREATE TABLE stratum_test_timeout AS SELECT current_setting('statement_timeout') AS value;",
                "DROP TABLE stratum_test_timeout;");
    }

    @Test
    void migrationsRunUnderTheMigrationTimeoutNotTheApplicationTimeout() throws Exception {
        DatabaseInterface db = open(database.settings().timeout(Duration.ofSeconds(1)).build());
        Migrations migrations = db.migrations().withEngine(slowRevision().engine());
        migrations.upgrade("head");
        assertThat(migrations.current()).contains(TEST_REVISION_1);
        assertThat(singleValue("SELECT value FROM stratum_test_timeout")).isEqualTo("0");

        // The application's connections keep the application's timeout.
        try (Connection connection = db.engine().dataSource().getConnection(); Statement statement = connection.createStatement()) {
            try (ResultSet row = statement.executeQuery("SHOW statement_timeout")) {
                row.next();
                assertThat(row.getString(1)).isEqualTo("1s");
            }
            assertThatThrownBy(() -> statement.execute("SELECT pg_sleep(2)")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("statement timeout");
        }
        migrations.downgrade("-1");
        assertThat(migrations.current()).contains(bundledIds().get(bundledIds().size() - 1));
    }

    @Test
    void aMigrationTimeoutStopsARevisionThatRunsLonger() throws Exception {
        DatabaseInterface db = open(database.settings().timeout(Duration.ofSeconds(30))
                .migrationTimeout(Duration.ofSeconds(1)).build());
        Migrations migrations = db.migrations().withEngine(slowRevision().engine());
        String newest = bundledIds().get(bundledIds().size() - 1);
        assertThatThrownBy(() -> migrations.upgrade("head")).isInstanceOf(MigrationException.class)
                .hasMessageContaining("statement timeout").hasMessageContaining("stays at revision " + newest);
        assertThat(migrations.current()).contains(newest);
        assertThat(tables()).doesNotContain("stratum_test_timeout");

        db.close();
        DatabaseInterface longer = open(database.settings().timeout(Duration.ofSeconds(1))
                .migrationTimeout(Duration.ofSeconds(5)).build());
        longer.migrations().withEngine(slowRevision().engine()).upgrade("head");
        assertThat(singleValue("SELECT value FROM stratum_test_timeout")).isEqualTo("5s");
    }

    private String singleValue(String query) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(query)) {
            row.next();
            return row.getString(1);
        }
    }

    @Test
    void aRoleWithoutGrantsHoldingTheKeyCannotBlockMigrationsBeyondTheLockTimeout() throws Exception {
        String role = "stratum_it_intruder_" + Long.toHexString(System.nanoTime());
        try (Connection admin = PostgresTestDatabase.admin(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'intruder'");
        }
        try {
            java.util.Properties credentials = new java.util.Properties();
            credentials.setProperty("user", role);
            credentials.setProperty("password", "intruder");
            try (Connection intruder = java.sql.DriverManager.getConnection(((PostgresTestDatabase) database).url(), credentials);
                 Statement statement = intruder.createStatement()) {
                statement.execute("SELECT pg_advisory_lock(" + Bookkeeping.POSTGRES_ADVISORY_LOCK_KEY + ")");
                Migrations migrations = open(database.settings().lockTimeout(Duration.ofSeconds(2)).build()).migrations();
                long start = System.nanoTime();
                assertThatThrownBy(() -> migrations.upgrade("head"))
                        .isInstanceOf(io.stratum.api.MigrationLockTimeoutException.class)
                        .hasMessageContaining("role " + role).hasMessageContaining("PostgreSQL server process");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1800), Duration.ofMillis(7000));
                assertThat(migrations.current()).isEmpty();
            }
        } finally {
            try (Connection admin = PostgresTestDatabase.admin(); Statement statement = admin.createStatement()) {
                statement.execute("DROP ROLE IF EXISTS " + role);
            }
        }
    }
}
