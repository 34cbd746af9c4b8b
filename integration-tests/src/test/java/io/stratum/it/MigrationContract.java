package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.DatabaseSettings;
import io.stratum.api.MigrationException;
import io.stratum.api.MigrationListener;
import io.stratum.api.MigrationLockTimeoutException;
import io.stratum.api.Migrations;
import io.stratum.api.Revision;
import io.stratum.api.RevisionStatus;
import io.stratum.api.SchemaStatus;
import io.stratum.api.SchemaVersionException;
import io.stratum.api.StampPlan;
import io.stratum.migrations.Bookkeeping;
import io.stratum.migrations.RevisionScripts;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The migration engine's guarantees, run once per dialect by the subclasses. Each test gets its own
 * database. Tests that need revisions of their own (failing ones, slow ones) build them with
 * {@link RevisionScripts} and run them through {@link Migrations#withEngine}.
 */
abstract class MigrationContract extends FreshDatabaseContract {
    /** Versions for test revisions, above any revision Stratum will ship for a long time. */
    static final String TEST_REVISION_1 = "9001";
    static final String TEST_REVISION_2 = "9002";

    /** SQL of a revision that makes inserts into the history table fail (a trigger), then creates table {@code marker}. */
    abstract String rejectHistoryInsertsThenCreate(String marker);

    /** Holds the migration lock from outside this process's migrations until the returned handle is closed. */
    abstract AutoCloseable holdMigrationLockElsewhere() throws Exception;

    /** What a waiter's messages say about the holder of {@link #holdMigrationLockElsewhere()}. */
    abstract String heldElsewhereBy();

    /** Whether anything of the migration lock is left in the database. */
    abstract boolean migrationLockLeftBehind() throws Exception;

    DatabaseInterface open() {
        return open(database.settings().build());
    }

    /** Three small revisions of the test's own: tables t1, t2, t3. */
    RevisionScripts threeRevisions() {
        RevisionScripts scripts = RevisionScripts.empty();
        for (int i = 1; i <= 3; i++) {
            scripts = scripts.with(database.dialect(), "V" + i + "__table_t" + i + ".sql",
                    "CREATE TABLE t" + i + " (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(20));\n"
                            + "CREATE INDEX ix_t" + i + "__name ON t" + i + " (name);",
                    "DROP INDEX ix_t" + i + "__name;\nDROP TABLE t" + i + ";");
        }
        return scripts;
    }

    static List<String> ids(List<Revision> revisions) {
        return revisions.stream().map(Revision::id).collect(Collectors.toList());
    }

    List<String> bundledIds() {
        return ids(RevisionScripts.bundled().engine().revisions(database.dialect()));
    }

    String newestBundledFile() {
        List<String> files = RevisionScripts.bundled().fileNames(database.dialect());
        return files.get(files.size() - 1);
    }

    // ---------------------------------------------------------------- revision operations

    @Test
    void upgradesAndDowngradesByTargetStepsRevisionAndBase() throws Exception {
        Migrations migrations = open().migrations().withEngine(threeRevisions().engine());
        assertThat(ids(migrations.revisions())).containsExactly("1", "2", "3");
        assertThat(migrations.current()).isEmpty();
        assertThat(migrations.status().state()).isEqualTo(SchemaStatus.State.BEHIND);
        assertThat(migrations.history()).allMatch(s -> !s.applied() && s.appliedAt() == null).hasSize(3);

        Instant before = Instant.now().minusSeconds(60);
        assertThat(ids(migrations.upgrade("1"))).containsExactly("1");
        assertThat(migrations.current()).contains("1");
        assertThat(tables()).contains("t1").doesNotContain("t2", "t3");
        List<RevisionStatus> history = migrations.history();
        assertThat(history.get(0).applied()).isTrue();
        assertThat(history.get(0).appliedAt()).isBetween(before, Instant.now().plusSeconds(60));
        assertThat(history.subList(1, 3)).allMatch(s -> !s.applied() && s.appliedAt() == null);

        assertThat(ids(migrations.upgrade("head"))).containsExactly("2", "3");
        assertThat(migrations.status().state()).isEqualTo(SchemaStatus.State.UP_TO_DATE);
        assertThat(migrations.upgrade(null)).isEmpty();
        assertThatThrownBy(() -> migrations.upgrade("1")).isInstanceOf(MigrationException.class)
                .hasMessageContaining("past the upgrade target 1").hasMessageContaining("downgrade");

        assertThat(ids(migrations.downgrade(null))).containsExactly("3");
        assertThat(migrations.current()).contains("2");
        assertThat(tables()).contains("t1", "t2").doesNotContain("t3");
        migrations.upgrade("head");
        assertThat(ids(migrations.downgrade("-2"))).containsExactly("3", "2");
        assertThat(migrations.current()).contains("1");
        migrations.upgrade("head");
        assertThat(ids(migrations.downgrade("1"))).containsExactly("3", "2");
        assertThat(migrations.current()).contains("1");
        assertThat(migrations.downgrade("1")).isEmpty();
        assertThat(ids(migrations.downgrade("base"))).containsExactly("1");
        assertThat(migrations.current()).isEmpty();
        assertThat(tables()).doesNotContain("t1", "t2", "t3");
        assertThat(migrations.downgrade("base")).isEmpty();
        assertThatThrownBy(() -> migrations.downgrade("-1")).hasMessageContaining("at base");
        assertThatThrownBy(() -> migrations.downgrade("-0")).hasMessageContaining("at least 1");
        assertThat(migrationLockLeftBehind()).isFalse();
    }

    @Test
    void unknownRevisionsAreRefusedWithTheKnownOnes() {
        Migrations migrations = open().migrations().withEngine(threeRevisions().engine());
        for (Runnable operation : List.<Runnable>of(() -> migrations.upgrade("7"), () -> migrations.downgrade("7"),
                () -> migrations.stamp("7"), () -> migrations.printUpgrade("7", System.out),
                () -> migrations.printDowngrade("7", System.out))) {
            assertThatThrownBy(operation::run).isInstanceOf(MigrationException.class)
                    .hasMessageContaining("Unknown revision '7'").hasMessageContaining("1, 2, 3");
        }
        migrations.upgrade("2");
        assertThatThrownBy(() -> migrations.downgrade("3")).hasMessageContaining("not applied")
                .hasMessageContaining("current revision 2");
        assertThatThrownBy(() -> migrations.downgrade("-3")).hasMessageContaining("only 2 are applied");
        assertThat(migrations.current()).contains("2");
    }

    @Test
    void stampRecordsARevisionWithoutRunningItAndUpgradeContinuesFromThere() throws Exception {
        Migrations migrations = open().migrations().withEngine(threeRevisions().engine());
        migrations.stamp("1");
        assertThat(migrations.current()).contains("1");
        assertThat(tables()).doesNotContain("t1");
        assertThat(historyRows()).hasSize(1);

        assertThat(ids(migrations.upgrade("head"))).containsExactly("2", "3");
        assertThat(tables()).contains("t2", "t3").doesNotContain("t1");

        migrations.stamp("base");
        assertThat(migrations.current()).isEmpty();
        assertThat(tables()).contains("t2", "t3");
        migrations.stamp("head");
        assertThat(migrations.current()).contains("3");
        migrations.stamp("2");
        assertThat(migrations.current()).contains("2");
        assertThat(migrations.history()).extracting(RevisionStatus::applied).containsExactly(true, true, false);
        assertThat(migrationLockLeftBehind()).isFalse();
    }

    @Test
    void dryRunsPrintTheSqlAndChangeNothing() throws Exception {
        Migrations migrations = open().migrations();
        SchemaSnapshot empty = SchemaSnapshot.of(database);
        String upgrade = print(out -> migrations.printUpgrade("head", out));
        for (String id : bundledIds()) {
            assertThat(upgrade).contains("-- Upgrade to revision " + id + " (");
        }
        assertThat(upgrade).containsIgnoringCase("CREATE TABLE flow");
        assertThat(SchemaSnapshot.of(database)).isEqualTo(empty);
        assertThat(tables()).doesNotContain(Bookkeeping.HISTORY_TABLE);

        migrations.upgrade("head");
        SchemaSnapshot head = SchemaSnapshot.of(database);
        List<List<String>> history = historyRows();
        assertThat(print(out -> migrations.printUpgrade("head", out))).isEmpty();
        String downgrade = print(out -> migrations.printDowngrade("base", out));
        assertThat(downgrade).containsIgnoringCase("DROP TABLE flow")
                .contains("DELETE FROM " + Bookkeeping.HISTORY_TABLE + " WHERE version = '1'");
        assertThat(downgrade.indexOf("-- Downgrade from revision " + bundledIds().get(bundledIds().size() - 1)))
                .isLessThan(downgrade.indexOf("-- Downgrade from revision 1 "));
        assertThat(SchemaSnapshot.of(database)).isEqualTo(head);
        assertThat(historyRows()).isEqualTo(history);
    }

    // ---------------------------------------------------------------- one transaction per revision

    @Test
    void aFailingRevisionLeavesTheDatabaseExactlyAtThePreviousRevision() throws Exception {
        DatabaseInterface db = open();
        String file = newestBundledFile();
        RevisionScripts good = RevisionScripts.bundled().with(database.dialect(), "V" + TEST_REVISION_1 + "__good.sql",
                "CREATE TABLE stratum_test_good (id INTEGER NOT NULL PRIMARY KEY);\n"
                        + "INSERT INTO stratum_test_good (id) VALUES (1);",
                "DROP TABLE stratum_test_good;");
        Migrations migrations = db.migrations().withEngine(good.engine());
        migrations.upgrade("head");
        SchemaSnapshot previous = SchemaSnapshot.of(database);
        List<List<String>> history = historyRows();

        // Fails half-way: after a new table, a new index, a new column and a row in an existing table.
        RevisionScripts failing = good.with(database.dialect(), "V" + TEST_REVISION_2 + "__fails_half_way.sql",
                "CREATE TABLE stratum_test_partial (id INTEGER NOT NULL PRIMARY KEY);\n"
                        + "CREATE INDEX ix_flow__stratum_test ON flow (name, created);\n"
                        + "ALTER TABLE stratum_test_good ADD COLUMN extra VARCHAR(10);\n"
                        + "INSERT INTO stratum_test_good (id) VALUES (2);\n"
                        + "SELECT * FROM stratum_test_no_such_table;\n"
                        + "CREATE TABLE stratum_test_never (id INTEGER);",
                "DROP TABLE stratum_test_partial;");
        assertThatThrownBy(() -> db.migrations().withEngine(failing.engine()).upgrade("head"))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("Revision " + TEST_REVISION_2 + " (fails half way) failed")
                .hasMessageContaining("stratum_test_no_such_table")
                .hasMessageContaining("rolled back").hasMessageContaining("stays at revision " + TEST_REVISION_1);

        assertThat(SchemaSnapshot.of(database)).isEqualTo(previous);
        assertThat(historyRows()).isEqualTo(history);
        assertThat(count("stratum_test_good")).isEqualTo(1);
        assertThat(migrations.current()).contains(TEST_REVISION_1);
        assertThat(migrationLockLeftBehind()).isFalse();

        // The newest bundled revision, failing on its own: the database stays at the one before it.
        migrations.downgrade(RevisionScripts.versionOf(file));
        migrations.downgrade("-1");
        SchemaSnapshot beforeNewest = SchemaSnapshot.of(database);
        List<List<String>> historyBeforeNewest = historyRows();
        RevisionScripts newestFails = RevisionScripts.bundled().with(database.dialect(), file,
                RevisionScripts.bundled().up(database.dialect(), file) + "\nSELECT * FROM stratum_test_no_such_table;",
                RevisionScripts.bundled().down(database.dialect(), file).orElseThrow());
        assertThatThrownBy(() -> db.migrations().withEngine(newestFails.engine()).upgrade("head"))
                .isInstanceOf(MigrationException.class);
        assertThat(SchemaSnapshot.of(database)).isEqualTo(beforeNewest);
        assertThat(historyRows()).isEqualTo(historyBeforeNewest);
    }

    @Test
    void aFailureWhileRecordingTheRevisionRollsTheRevisionBack() throws Exception {
        DatabaseInterface db = open();
        db.migrations().upgrade("head");
        SchemaSnapshot previous = SchemaSnapshot.of(database);
        List<List<String>> history = historyRows();
        RevisionScripts scripts = RevisionScripts.bundled().with(database.dialect(), "V" + TEST_REVISION_1 + "__unrecordable.sql",
                rejectHistoryInsertsThenCreate("stratum_test_marker"), "DROP TABLE stratum_test_marker;");
        assertThatThrownBy(() -> db.migrations().withEngine(scripts.engine()).upgrade("head"))
                .isInstanceOf(MigrationException.class).hasMessageContaining("stays at revision " + bundledIds().get(bundledIds().size() - 1));
        // The revision's own changes (the trigger and the marker table) were rolled back with the history row.
        assertThat(tables()).doesNotContain("stratum_test_marker");
        assertThat(SchemaSnapshot.of(database)).isEqualTo(previous);
        assertThat(historyRows()).isEqualTo(history);
    }

    @Test
    void aFailingDownScriptLeavesTheDatabaseAtItsRevision() throws Exception {
        DatabaseInterface db = open();
        db.migrations().upgrade("head");
        SchemaSnapshot head = SchemaSnapshot.of(database);
        List<List<String>> history = historyRows();
        String file = newestBundledFile();
        String realDown = RevisionScripts.bundled().down(database.dialect(), file).orElseThrow();
        RevisionScripts failingDown = RevisionScripts.bundled().withDown(database.dialect(), file,
                realDown + "\n;\nSELECT * FROM stratum_test_no_such_table;");
        String newest = RevisionScripts.versionOf(file);
        assertThatThrownBy(() -> db.migrations().withEngine(failingDown.engine()).downgrade("base"))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("Downgrade of revision " + newest)
                .hasMessageContaining("stratum_test_no_such_table")
                .hasMessageContaining("rolled back").hasMessageContaining("stays at revision " + newest);
        assertThat(SchemaSnapshot.of(database)).isEqualTo(head);
        assertThat(historyRows()).isEqualTo(history);
        assertThat(migrationLockLeftBehind()).isFalse();

        // A revision without a down script is refused before anything is reverted.
        RevisionScripts noDown = RevisionScripts.bundled().with(database.dialect(), "V" + TEST_REVISION_1 + "__one_way.sql",
                "CREATE TABLE stratum_test_one_way (id INTEGER);", null);
        Migrations oneWay = db.migrations().withEngine(noDown.engine());
        oneWay.upgrade("head");
        assertThatThrownBy(() -> oneWay.downgrade("base")).hasMessageContaining("has no down script");
        assertThat(oneWay.current()).contains(TEST_REVISION_1);
    }

    // ---------------------------------------------------------------- a database newer than the code

    @Test
    void aDatabaseNewerThanTheCodeIsRefusedAtOpenAndReportedAhead() throws Exception {
        DatabaseInterface first = open();
        first.migrations().upgrade("head");
        first.close();
        String newest = bundledIds().get(bundledIds().size() - 1);
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO " + Bookkeeping.HISTORY_TABLE + " (installed_rank, version, description, type, "
                    + "script, checksum, installed_by, installed_on, execution_time, success) SELECT installed_rank + 1000, "
                    + "'9999', 'from the future', type, 'V9999__from_the_future.sql', checksum, installed_by, installed_on, "
                    + "execution_time, success FROM " + Bookkeeping.HISTORY_TABLE + " WHERE version = '" + newest + "'");
        }
        assertThatThrownBy(() -> open(database.settings().migrateOnStart(true).build()))
                .isInstanceOf(SchemaVersionException.class)
                .hasMessageContaining("revision 9999").hasMessageContaining("newest revision is " + newest)
                .hasMessageContaining("newer Stratum").hasMessageContaining("downgrade");

        Migrations migrations = open().migrations();
        SchemaStatus status = migrations.status();
        assertThat(status.state()).isEqualTo(SchemaStatus.State.AHEAD);
        assertThat(status.current()).contains("9999");
        assertThat(status.newest()).isEqualTo(newest);
        assertThat(migrations.current()).contains("9999");
        assertThat(migrations.history()).last().satisfies(s -> {
            assertThat(s.revision().id()).isEqualTo("9999");
            assertThat(s.applied()).isTrue();
        });
        assertThatThrownBy(() -> migrations.upgrade("head")).isInstanceOf(SchemaVersionException.class);
        assertThatThrownBy(() -> migrations.downgrade("-1")).isInstanceOf(SchemaVersionException.class);
        assertThatThrownBy(() -> migrations.printUpgrade("head", System.out)).isInstanceOf(SchemaVersionException.class);
        assertThat(migrationLockLeftBehind()).isFalse();
    }

    @Test
    void anAppliedRevisionThisBuildDoesNotKnowIsReportedAndRefused() throws Exception {
        Migrations migrations = open().migrations();
        migrations.upgrade("head");
        assertThat(migrations.status().state()).isEqualTo(SchemaStatus.State.UP_TO_DATE);
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO " + Bookkeeping.HISTORY_TABLE + " (installed_rank, version, description, type, "
                    + "script, checksum, installed_by, installed_on, execution_time, success) SELECT installed_rank + 1000, "
                    + "'1.5', 'from a branch', type, 'V1_5__from_a_branch.sql', checksum, installed_by, installed_on, "
                    + "execution_time, success FROM " + Bookkeeping.HISTORY_TABLE + " WHERE version = '1'");
        }
        assertThat(migrations.status().state()).isEqualTo(SchemaStatus.State.UNKNOWN_REVISION);
        assertThatThrownBy(() -> migrations.upgrade("head")).isInstanceOf(SchemaVersionException.class)
                .hasMessageContaining("does not know: 1.5");
        // Stamping is how an operator who knows better clears it: refused unless forced.
        assertThatThrownBy(() -> migrations.stamp("head")).isInstanceOf(SchemaVersionException.class)
                .hasMessageContaining("1.5").hasMessageContaining("--force");
        migrations.stamp("head", true, MigrationListener.NONE);
        assertThat(migrations.status().state()).isEqualTo(SchemaStatus.State.UP_TO_DATE);
    }

    // ---------------------------------------------------------------- the lock

    @Test
    void aMigrationWaitsForTheLockHeldElsewhere() throws Exception {
        Migrations migrations = open().migrations().withEngine(threeRevisions().engine());
        CompletableFuture<List<Revision>> upgrade;
        try (AutoCloseable held = holdMigrationLockElsewhere()) {
            upgrade = CompletableFuture.supplyAsync(() -> migrations.upgrade("head"));
            Thread.sleep(1500);
            assertThat(upgrade).isNotDone();
            assertThat(tables()).doesNotContain("t1");
        }
        assertThat(ids(upgrade.get(60, TimeUnit.SECONDS))).containsExactly("1", "2", "3");
        assertThat(migrationLockLeftBehind()).isFalse();
    }

    @Test
    void dropDbWaitsForTheLockHeldElsewhereAndLeavesNoLockBehind() throws Exception {
        DatabaseInterface db = open();
        db.migrations().withEngine(threeRevisions().engine()).upgrade("head");
        CompletableFuture<Void> drop;
        try (AutoCloseable held = holdMigrationLockElsewhere()) {
            drop = CompletableFuture.runAsync(db::dropDb);
            Thread.sleep(1500);
            assertThat(drop).as("dropDb while another process migrates").isNotDone();
            assertThat(tables()).contains("t1");
        }
        drop.get(60, TimeUnit.SECONDS);
        assertThat(tables()).doesNotContain("t1", "t2", "t3");
        assertThat(migrationLockLeftBehind()).isFalse();
    }

    @Test
    void lockTimeoutEndsTheWaitAtItsLimitNamingTheHolderAndChangesNothing() throws Exception {
        Duration timeout = Duration.ofSeconds(3);
        Migrations migrations = open(database.settings().lockTimeout(timeout).build()).migrations()
                .withEngine(threeRevisions().engine());
        List<String> waits = new java.util.concurrent.CopyOnWriteArrayList<>();
        MigrationListener listener = new MigrationListener() {
            @Override
            public void waitingForLock(String holder, Duration waited, Duration limit) {
                waits.add(holder);
            }
        };
        try (AutoCloseable held = holdMigrationLockElsewhere()) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> migrations.upgrade("head", listener))
                    .isInstanceOf(MigrationLockTimeoutException.class)
                    .hasMessageContaining(heldElsewhereBy()).hasMessageContaining("STRATUM_DATABASE_LOCK_TIMEOUT")
                    .hasMessageContaining("Nothing was changed");
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            // Not before the limit; the upper bound only proves the wait did not last as long as the holder
            // (a loaded CI machine adds scheduling delay, never a shorter wait).
            assertThat(waited).isBetween(Duration.ofMillis(2700), Duration.ofMillis(8000));
        }
        assertThat(waits).isNotEmpty().allSatisfy(holder -> assertThat(holder).contains(heldElsewhereBy()));
        assertThat(tables()).doesNotContain("t1");
        assertThat(migrations.current()).isEmpty();
    }

    @Test
    void eachCallerReportsOnlyTheRevisionsItApplied() throws Exception {
        DatabaseInterface db = open();
        RevisionScripts scripts = threeRevisions();
        List<Recorder> recorders = List.of(new Recorder(), new Recorder(), new Recorder());
        List<CompletableFuture<List<Revision>>> upgrades = new ArrayList<>();
        for (Recorder recorder : recorders) {
            Migrations migrations = db.migrations().withEngine(scripts.engine());
            upgrades.add(CompletableFuture.supplyAsync(() -> migrations.upgrade("head", recorder)));
        }
        Map<String, Integer> appliedBy = new TreeMap<>();
        for (int i = 0; i < recorders.size(); i++) {
            List<String> returned = ids(upgrades.get(i).get(60, TimeUnit.SECONDS));
            Recorder recorder = recorders.get(i);
            assertThat(recorder.applied).as("reported = returned").isEqualTo(returned);
            assertThat(recorder.planned).as("planned = applied").isEqualTo(returned);
            assertThat(recorder.indexes).isEqualTo(java.util.stream.IntStream.rangeClosed(1, returned.size())
                    .mapToObj(n -> n + " of " + returned.size()).collect(Collectors.toList()));
            returned.forEach(id -> appliedBy.merge(id, 1, Integer::sum));
        }
        assertThat(appliedBy).isEqualTo(Map.of("1", 1, "2", 1, "3", 1));
        // A later caller finds everything applied and says so.
        Recorder late = new Recorder();
        assertThat(db.migrations().withEngine(scripts.engine()).upgrade("head", late)).isEmpty();
        assertThat(late.applied).isEmpty();
        assertThat(late.current).contains("3");
    }

    /** Records what a listener is told. */
    static final class Recorder implements MigrationListener {
        final List<String> applied = new ArrayList<>();
        final List<String> indexes = new ArrayList<>();
        List<String> planned = List.of();
        java.util.Optional<String> current = java.util.Optional.empty();

        @Override
        public void planned(java.util.Optional<String> now, List<Revision> revisions, java.util.Optional<String> waitedFor) {
            current = now;
            planned = ids(revisions);
        }

        @Override
        public void applied(Revision revision, Duration took, int index, int count) {
            applied.add(revision.id());
            indexes.add(index + " of " + count);
        }
    }

    @Test
    void stampRefusesToRemoveRevisionsUnknownToThisBuildUnlessForced() throws Exception {
        Migrations migrations = open().migrations().withEngine(threeRevisions().engine());
        migrations.upgrade("head");
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO " + Bookkeeping.HISTORY_TABLE + " (installed_rank, version, description, type, "
                    + "script, checksum, installed_by, installed_on, execution_time, success) SELECT installed_rank + 1000, "
                    + "'9999', 'from the future', type, 'V9999__from_the_future.sql', checksum, installed_by, installed_on, "
                    + "execution_time, success FROM " + Bookkeeping.HISTORY_TABLE + " WHERE version = '3'");
        }
        List<List<String>> before = historyRows();
        StampPlan plan = migrations.planStamp("2");
        assertThat(plan.from()).contains("9999");
        assertThat(plan.to()).contains("2");
        assertThat(plan.unknown()).containsExactly("9999");
        assertThat(ids(plan.remove())).containsExactly("3", "9999");
        assertThat(plan.record()).isEmpty();
        assertThatThrownBy(() -> migrations.stamp("2")).isInstanceOf(SchemaVersionException.class)
                .hasMessageContaining("9999").hasMessageContaining("does not know").hasMessageContaining("Nothing was changed");
        assertThat(historyRows()).isEqualTo(before);
        assertThat(migrationLockLeftBehind()).isFalse();

        StampPlan done = migrations.stamp("2", true, MigrationListener.NONE);
        assertThat(ids(done.remove())).containsExactly("3", "9999");
        assertThat(migrations.current()).contains("2");
        assertThat(historyRows()).extracting(row -> row.get(1)).containsExactly("1", "2");
    }

    @Test
    void fourProcessesUpgradingAtOnceApplyEveryRevisionExactlyOnce() throws Exception {
        int processes = 4;
        List<String> command = UpgradeProcesses.command(TEST_START_DELAY.toMillis() + System.currentTimeMillis());
        Path logs = Files.createTempDirectory("stratum-upgrade-processes-");
        List<Process> started = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < processes; i++) {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(logs.resolve("process-" + i + ".out").toFile())
                    .redirectError(logs.resolve("process-" + i + ".err").toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("STRATUM_DATABASE_"));
            builder.environment().putAll(processEnvironment());
            // Four JVMs start at once; on a loaded machine connecting may take longer than the default 5 s.
            builder.environment().put("STRATUM_DATABASE_CONNECTION_TIMEOUT", "60");
            started.add(builder.start());
        }
        Map<String, Integer> appliedBy = new TreeMap<>();
        for (int i = 0; i < processes; i++) {
            Process process = started.get(i);
            boolean exited = process.waitFor(180, TimeUnit.SECONDS);
            String out = Files.readString(logs.resolve("process-" + i + ".out"));
            String err = Files.readString(logs.resolve("process-" + i + ".err"));
            if (!exited) {
                process.destroyForcibly();
            }
            assertThat(exited).as("process %d finished; stdout:%n%s%nstderr:%n%s", i, out, err).isTrue();
            assertThat(process.exitValue()).as("exit code of process %d; stdout:%n%s%nstderr:%n%s%ncommand: %s", i, out, err,
                    command).isZero();
            Matcher applied = Pattern.compile("applied \\[([^\\]]*)]").matcher(out);
            assertThat(applied.find()).as(out).isTrue();
            for (String id : applied.group(1).split(", ")) {
                if (!id.isBlank()) {
                    appliedBy.merge(id, 1, Integer::sum);
                }
            }
        }
        System.out.println("[timing] " + processes + " upgrade processes on " + database.dialect().id() + ": "
                + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms (including JVM start)");
        List<String> ids = bundledIds();
        Map<String, Integer> once = new TreeMap<>();
        ids.forEach(id -> once.put(id, 1));
        assertThat(appliedBy).as("revisions applied per process run").isEqualTo(once);
        Map<String, Integer> recorded = new TreeMap<>();
        for (List<String> row : historyRows()) {
            recorded.merge(row.get(1), 1, Integer::sum);
        }
        assertThat(recorded).as("history rows per revision").isEqualTo(once);
        assertThat(open().migrations().current()).contains(ids.get(ids.size() - 1));
        assertThat(migrationLockLeftBehind()).isFalse();
        try (var files = Files.walk(logs)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    static final Duration TEST_START_DELAY = Duration.ofSeconds(5);

    /** The environment an {@link UpgradeProcess} reads its database from. */
    abstract Map<String, String> processEnvironment();

    // ---------------------------------------------------------------- helpers

    static String print(java.util.function.Consumer<PrintStream> printer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            printer.accept(out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The application's tables, plus the history table when it exists. */
    List<String> tables() throws SQLException {
        List<String> tables = new ArrayList<>(SchemaSnapshot.of(database).tables().keySet());
        try (Connection connection = database.connect();
             ResultSet history = connection.getMetaData().getTables(null, null, Bookkeeping.HISTORY_TABLE, null)) {
            if (history.next()) {
                tables.add(Bookkeeping.HISTORY_TABLE);
            }
        }
        return tables;
    }

    long count(String table) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT count(*) FROM " + table)) {
            row.next();
            return row.getLong(1);
        }
    }

    /** Every history row, every column, in rank order. */
    List<List<String>> historyRows() throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT installed_rank, version, description, type, script, checksum, "
                     + "installed_by, installed_on, execution_time, success FROM " + Bookkeeping.HISTORY_TABLE
                     + " ORDER BY installed_rank")) {
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= 10; i++) {
                    row.add(result.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** Launch commands for {@link UpgradeProcess}: a plain {@code java --module-path … --module …}. */
    static final class UpgradeProcesses {
        private UpgradeProcesses() {
        }

        static List<String> command(long startAtEpochMillis) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            return List.of(java, "--module-path", modulePath(), "--module", "io.stratum.it/io.stratum.it.UpgradeProcess",
                    Long.toString(startAtEpochMillis));
        }

        /**
         * The test JVM's module path. Surefire puts runtime dependencies no module {@code requires} on the
         * class path instead (here Flyway's PostgreSQL support, found by Flyway through the service loader);
         * a deployment has them on the module path, so they are added back.
         */
        static String modulePath() {
            String modulePath = System.getProperty("jdk.module.path");
            if (modulePath == null || modulePath.isBlank()) {
                throw new IllegalStateException("The tests do not run on the module path (no jdk.module.path)");
            }
            Map<String, String> entries = new LinkedHashMap<>();
            for (String entry : modulePath.split(File.pathSeparator)) {
                entries.put(entry, entry);
            }
            String classPath = System.getProperty("java.class.path", "");
            Arrays.stream(classPath.split(File.pathSeparator))
                    .filter(entry -> Path.of(entry).getFileName() != null
                            && Path.of(entry).getFileName().toString().startsWith("flyway-database-"))
                    .forEach(entry -> entries.put(entry, entry));
            return String.join(File.pathSeparator, entries.keySet());
        }
    }
}
