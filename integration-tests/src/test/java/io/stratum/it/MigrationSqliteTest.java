package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.DatabaseSettings;
import io.stratum.api.MigrationException;
import io.stratum.api.Migrations;
import io.stratum.migrations.Bookkeeping;
import io.stratum.migrations.RevisionScripts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MigrationSqliteTest extends MigrationContract {

    @Override
    TestDatabase newDatabase() {
        return new SqliteTestDatabase();
    }

    @Override
    String rejectHistoryInsertsThenCreate(String marker) {
        return "CREATE TRIGGER stratum_test_reject BEFORE INSERT ON " + Bookkeeping.HISTORY_TABLE + "\n"
                + "BEGIN\n  SELECT RAISE(ABORT, 'the history is read-only');\nEND;\n"
                + "CREATE TABLE " + marker + " (id INTEGER);";
    }

    @Override
    AutoCloseable holdMigrationLockElsewhere() throws Exception {
        writeLockRow("other-host.example", 4242, System.currentTimeMillis() + 60_000);
        return () -> {
            try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
                statement.executeUpdate("DELETE FROM " + Bookkeeping.LOCK_TABLE);
            }
        };
    }

    @Override
    String heldElsewhereBy() {
        return "host other-host.example, pid 4242";
    }

    @Override
    boolean migrationLockLeftBehind() throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT count(*) FROM sqlite_master WHERE name = '"
                     + Bookkeeping.LOCK_TABLE + "'")) {
            row.next();
            return row.getInt(1) > 0;
        }
    }

    @Override
    Map<String, String> processEnvironment() {
        return Map.of("STRATUM_DATABASE_URL", "jdbc:sqlite:" + ((SqliteTestDatabase) database).file());
    }

    /** The lock row as a process on {@code host} with {@code pid} writes it (Bookkeeping.LOCK_TABLE's columns). */
    private void writeLockRow(String host, long pid, long expiresAt) throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + Bookkeeping.LOCK_TABLE + " (id INTEGER NOT NULL PRIMARY KEY "
                    + "CHECK (id = 1), owner TEXT NOT NULL, host TEXT NOT NULL, pid INTEGER NOT NULL, process_start TEXT, "
                    + "acquired_at TEXT NOT NULL, expires_at INTEGER NOT NULL)");
            try (PreparedStatement insert = connection.prepareStatement("INSERT OR REPLACE INTO " + Bookkeeping.LOCK_TABLE
                    + " (id, owner, host, pid, process_start, acquired_at, expires_at) "
                    + "VALUES (1, 'tag', ?, ?, NULL, '2026-01-01T00:00:00Z', ?)")) {
                insert.setString(1, host);
                insert.setLong(2, pid);
                insert.setLong(3, expiresAt);
                insert.executeUpdate();
            }
        }
    }

    @Test
    void aLockOfADeadProcessOnThisHostIsTakenOverAtOnce() throws Exception {
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();
        long deadPid = exited.pid();
        writeLockRow(java.net.InetAddress.getLocalHost().getHostName(), deadPid, System.currentTimeMillis() + 60_000);
        Migrations migrations = open().migrations().withEngine(threeRevisions().engine());
        long start = System.nanoTime();
        assertThat(ids(migrations.upgrade("head"))).containsExactly("1", "2", "3");
        // The row would stay valid for a minute: only the dead pid lets it go this soon.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(migrationLockLeftBehind()).isFalse();
    }

    @Test
    void aLockOfALiveProcessOnThisHostIsWaitedFor() throws Exception {
        writeLockRow(java.net.InetAddress.getLocalHost().getHostName(), ProcessHandle.current().pid(),
                System.currentTimeMillis() + 60_000);
        Migrations migrations = open(database.settings().lockTimeout(Duration.ofSeconds(1)).build()).migrations()
                .withEngine(threeRevisions().engine());
        assertThatThrownBy(() -> migrations.upgrade("head")).isInstanceOf(io.stratum.api.MigrationLockTimeoutException.class)
                .hasMessageContaining("pid " + ProcessHandle.current().pid());
    }

    @Test
    void aLockLeftByADeadProcessIsTakenOverOnceExpired() throws Exception {
        writeLockRow("crashed-host", 1, System.currentTimeMillis() - 1);
        Migrations migrations = open().migrations().withEngine(threeRevisions().engine());
        long start = System.nanoTime();
        assertThat(ids(migrations.upgrade("head"))).containsExactly("1", "2", "3");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(migrationLockLeftBehind()).isFalse();
    }

    @Test
    void aRevisionRunningAfterItsLockWasTakenOverIsRolledBack() throws Exception {
        // The revision itself steals the lock (as a process taking over an expired lease would): the check
        // at the end of the revision's transaction finds the lock gone and rolls the revision back.
        RevisionScripts scripts = threeRevisions().with(database.dialect(), "V4__steals_the_lock.sql",
                "CREATE TABLE t4 (id INTEGER);\nUPDATE " + Bookkeeping.LOCK_TABLE + " SET owner = 'a thief';", "DROP TABLE t4;");
        Migrations migrations = open().migrations().withEngine(scripts.engine());
        assertThatThrownBy(() -> migrations.upgrade("head")).isInstanceOf(MigrationException.class)
                .hasMessageContaining("no longer holds the migration lock");
        assertThat(migrations.current()).contains("3");
        assertThat(tables()).doesNotContain("t4");
    }

    @Test
    void anInMemoryDatabaseMigratesOnItsOnePooledConnection() {
        DatabaseSettings settings = DatabaseSettings.builder()
                .url("jdbc:sqlite:file:stratum-it-" + UUID.randomUUID() + "?mode=memory&cache=shared").build();
        DatabaseInterface db = open(settings);
        Migrations migrations = db.migrations();
        String newest = migrations.newest().id();
        assertThat(migrations.current()).contains(newest);
        assertThat(ids(migrations.downgrade("base"))).hasSize(migrations.revisions().size());
        migrations.stamp("1");
        assertThat(migrations.current()).contains("1");
        migrations.stamp("base");
        migrations.upgrade("head");
        assertThat(migrations.current()).contains(newest);
        Object locks = db.sessionContext(false, false, session -> session.createNativeQuery("SELECT count(*) FROM sqlite_master "
                + "WHERE name = '" + Bookkeeping.LOCK_TABLE + "'").getSingleResult());
        assertThat(((Number) locks).intValue()).isZero();
    }

    @Test
    void anUnmigratableFileIsReportedWithTheRevisionAndLeftAtThePreviousOne() throws Exception {
        // The reference's classic: a table the first revision wants already exists.
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE deployment_version (x INTEGER)");
        }
        Migrations migrations = open().migrations();
        List<String> ids = bundledIds();
        assertThatThrownBy(() -> migrations.upgrade("head")).isInstanceOf(MigrationException.class)
                .hasMessageContaining("Revision 2 (deployment version) failed").hasMessageContaining("deployment_version");
        assertThat(migrations.current()).contains(ids.get(0));
    }
}
