package io.stratum.cli.dist;

import static io.stratum.cli.ExitCode.BEHIND;
import static io.stratum.cli.ExitCode.CONFIGURATION;
import static io.stratum.cli.ExitCode.FAILURE;
import static io.stratum.cli.ExitCode.OK;
import static io.stratum.cli.ExitCode.USAGE;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stratum database clean} from the built distribution, on a SQLite file per test. */
class CleanSqliteIT {
    private static final String FLOW = "6f1c5a3e-0000-4000-8000-000000000001";

    @TempDir
    Path dir;

    private Distribution stratum;
    private String url;

    @BeforeEach
    void setUp() {
        url = "jdbc:sqlite:" + dir.resolve("stratum.db");
        stratum = Distribution.built().env("STRATUM_HOME", dir.resolve("home").toString()).env("STRATUM_DATABASE_URL", url);
    }

    private void seed(int oldRuns, int youngRuns) throws Exception {
        stratum.run("database", "upgrade", "-y").exits(OK);
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO flow (id, name) VALUES ('" + FLOW + "', 'flow')");
            }
            try (PreparedStatement run = c.prepareStatement("INSERT INTO flow_run (id, name, flow_id, state_type, end_time) "
                    + "VALUES (?, 'run', '" + FLOW + "', 'COMPLETED', ?)");
                 PreparedStatement log = c.prepareStatement("INSERT INTO log (id, name, level, flow_run_id, message, "
                         + "timestamp) VALUES (?, 'l', 20, ?, 'm', '2020-01-01 00:00:00.000000')")) {
                for (int i = 0; i < oldRuns + youngRuns; i++) {
                    String id = UUID.randomUUID().toString();
                    Instant end = Instant.now().minus(Duration.ofDays(i < oldRuns ? 200 : 10));
                    run.setString(1, id);
                    run.setString(2, end.toString().replace('T', ' ').replace("Z", ""));
                    run.addBatch();
                    log.setString(1, UUID.randomUUID().toString());
                    log.setString(2, id);
                    log.addBatch();
                }
                run.executeBatch();
                log.executeBatch();
            }
            c.commit();
        }
    }

    private long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void aDryRunCountsAndChangesNothingThenYesDeletes() throws Exception {
        seed(3, 2);
        Distribution.Result dryRun = stratum.run("database", "clean", "--older-than", "90d", "--dry-run").exits(OK);
        assertThat(dryRun.out()).contains("Counting (dry run, nothing is deleted) flow runs that ended before",
                "  flow_run: 3 rows would be deleted", "  log: 3 rows would be deleted", "Dry run: 6 rows would be deleted");
        assertThat(count("SELECT count(*) FROM flow_run")).isEqualTo(5);

        Distribution.Result declined = stratum.run("database", "clean", "--older-than", "90d").exits(FAILURE);
        assertThat(declined.out()).contains("Delete flow runs that ended before", "from the database at " + url);
        assertThat(declined.err()).contains("Database clean aborted");
        assertThat(count("SELECT count(*) FROM flow_run")).isEqualTo(5);

        Distribution.Result cleaned = stratum.run("database", "clean", "--older-than", "90d", "--events-older-than", "P7D",
                "-y").exits(OK);
        assertThat(cleaned.out()).contains("  flow_run: 3 rows deleted", "  log: 3 rows deleted", "  events: 0 rows deleted",
                "cleaned: 6 rows deleted");
        assertThat(count("SELECT count(*) FROM flow_run")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM log")).isEqualTo(2);
    }

    @Test
    void badValuesAreConfigurationErrorsAndATypoIsAUsageError() throws Exception {
        seed(1, 0);
        Distribution.Result badDuration = stratum.run("database", "clean", "--older-than", "3 weeks", "-y").exits(CONFIGURATION);
        assertThat(badDuration.err()).contains("Option --older-than '3 weeks' is not a duration", "90d");
        stratum.run("database", "clean", "--older-than", "30m", "-y").exits(CONFIGURATION);
        stratum.run("database", "clean", "--older-than", "2026-13-45", "-y").exits(CONFIGURATION);
        stratum.run("database", "clean", "--older-than", "90d", "--batch-size", "0", "-y").exits(CONFIGURATION);
        Distribution.Result typo = stratum.run("database", "clean", "--older-than", "90d", "--dryrun").exits(USAGE);
        assertThat(typo.err()).contains("--dryrun", "--dry-run");
        assertThat(count("SELECT count(*) FROM flow_run")).isEqualTo(1);
    }

    @Test
    void aDatabaseBehindIsRefused() throws Exception {
        stratum.run("database", "upgrade", "-y", "-r", "3").exits(OK);
        Distribution.Result behind = stratum.run("database", "clean", "--older-than", "90d", "-y").exits(BEHIND);
        assertThat(behind.err()).contains("Run 'stratum database upgrade' before cleaning it");
    }

    /** SIGKILL mid-clean: every committed batch stays deleted, the rest stays whole, and the next clean finishes. */
    @Test
    void aCleanKilledMidwayLeavesAConsistentDatabaseThatTheNextCleanFinishes() throws Exception {
        seed(3000, 10);
        Distribution.Running clean = stratum.start("database", "clean", "--older-than", "90d", "--batch-size", "1", "-y");
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (count("SELECT count(*) FROM flow_run") > 2900 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        clean.kill();
        long left = count("SELECT count(*) FROM flow_run");
        assertThat(left).as("killed mid-way").isBetween(11L, 2900L);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            try (ResultSet integrity = s.executeQuery("PRAGMA integrity_check")) {
                assertThat(integrity.next()).isTrue();
                assertThat(integrity.getString(1)).isEqualTo("ok");
            }
            try (ResultSet problems = s.executeQuery("PRAGMA foreign_key_check")) {
                assertThat(problems.next()).as("foreign keys intact").isFalse();
            }
        }
        stratum.run("database", "verify").exits(OK);
        Distribution.Result finish = stratum.run("database", "clean", "--older-than", "90d", "-y").exits(OK);
        assertThat(finish.out()).contains("  flow_run: " + (left - 10) + " rows deleted", "  log: 3000 rows deleted");
        assertThat(count("SELECT count(*) FROM flow_run")).isEqualTo(10);
        assertThat(count("SELECT count(*) FROM log")).isEqualTo(10);
    }

    /** SQLite keeps the history in plain tables: 'partition on' is refused, nothing changed; status says so. */
    @Test
    void partitionOnIsRefusedOnSqliteAndStatusSaysPlainTables() throws Exception {
        seed(3, 0);
        Distribution.Result refused = stratum.run("database", "partition", "on", "-y").exits(CONFIGURATION);
        assertThat(refused.err()).contains("day partitions exist on PostgreSQL").contains("nothing was changed");
        assertThat(count("SELECT count(*) FROM log")).isEqualTo(3);
        assertThat(stratum.run("database", "partition", "status").exits(OK).out())
                .contains("plain tables (the reference's form)");
        assertThat(stratum.run("database", "partition", "sideways").exits(CONFIGURATION).err())
                .contains("Unknown partition action 'sideways': use on, off, status or ahead.");
        stratum.run("database", "verify").exits(OK);
    }
}
