package io.stratum.cli.dist;

import static io.stratum.cli.ExitCode.LOCK_TIMEOUT;
import static io.stratum.cli.ExitCode.OK;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The migration lock seen from the distribution, once per dialect: parallel deploy jobs, a killed
 * upgrade, a lock held by someone else. Each scenario starts from a fresh database ({@link #fresh}).
 */
abstract class MigrationLockContract {
    private static final Pattern APPLIED = Pattern.compile("(?m)^Applied revision (\\S+) \\(.*\\) in [0-9.]+ s \\[\\d+ of \\d+, ");

    /** The distribution pointed at a new, empty database. */
    abstract Distribution fresh() throws Exception;

    /** The revision ids the dialect's scripts define, oldest first. */
    abstract List<String> revisions() throws Exception;

    /** Applied revision ids in the history table, with their number of rows. */
    abstract Map<String, Integer> historyCounts() throws Exception;

    /** Whether a process holds the migration lock of the current database now. */
    abstract boolean lockHeld() throws Exception;

    /**
     * Holds the migration lock of the current database from outside any Stratum process until closed.
     * What the waiting lines say about this holder is {@link #heldElsewhereBy()}.
     */
    abstract AutoCloseable holdLockElsewhere() throws Exception;

    abstract String heldElsewhereBy();

    @Test
    void fourUpgradesAtOnceAllSucceedAndApplyEachRevisionOnceFiveTimesOver() throws Exception {
        List<String> revisions = revisions();
        for (int round = 1; round <= 5; round++) {
            Distribution stratum = fresh();
            List<Distribution.Running> running = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                running.add(stratum.start("database", "upgrade", "-y"));
            }
            Map<String, Integer> claimed = new TreeMap<>();
            for (Distribution.Running each : running) {
                Distribution.Result result = each.await().exits(OK);
                Matcher applied = APPLIED.matcher(result.out());
                int count = 0;
                while (applied.find()) {
                    claimed.merge(applied.group(1), 1, Integer::sum);
                    count++;
                }
                if (count == 0) {
                    assertThat(result.out()).as(result.toString()).contains("Nothing to apply: ");
                }
                assertThat(result.out()).as(result.toString())
                        .contains("The database is at revision " + revisions.get(revisions.size() - 1) + ".");
            }
            Map<String, Integer> once = new TreeMap<>();
            revisions.forEach(id -> once.put(id, 1));
            assertThat(claimed).as("round %d: revisions claimed as applied, over the four processes", round).isEqualTo(once);
            assertThat(historyCounts()).as("round %d: history rows per revision", round).isEqualTo(once);
            assertThat(lockHeld()).isFalse();
            stratum.run("database", "verify").exits(OK);
        }
    }

    @Test
    void anUpgradeKilledWhileHoldingTheLockDoesNotStallTheNext() throws Exception {
        List<String> revisions = revisions();
        Distribution stratum = null;
        boolean killedWhileHolding = false;
        for (int attempt = 0; attempt < 5 && !killedWhileHolding; attempt++) {
            stratum = fresh();
            Distribution.Running first = stratum.start("database", "upgrade", "-y");
            while (first.process().isAlive() && !lockHeld()) {
                Thread.sleep(5);
            }
            killedWhileHolding = first.process().isAlive() && lockHeld();
            first.kill();
        }
        assertThat(killedWhileHolding).as("an upgrade was killed while it held the lock").isTrue();
        Distribution.Result next = stratum.run("database", "upgrade", "-y").exits(OK);
        // JVM start included; a dead holder's lock used to hold the next upgrade for up to 60 s.
        assertThat(next.elapsed()).as(next.toString()).isLessThan(Duration.ofSeconds(15));
        assertThat(next.err()).as(next.toString()).doesNotContain("Waiting for the migration lock");
        Map<String, Integer> once = new TreeMap<>();
        revisions.forEach(id -> once.put(id, 1));
        assertThat(historyCounts()).isEqualTo(once);
        assertThat(lockHeld()).isFalse();
    }

    @Test
    void sigtermReleasesTheLock() throws Exception {
        Distribution stratum = null;
        boolean stoppedWhileHolding = false;
        for (int attempt = 0; attempt < 5 && !stoppedWhileHolding; attempt++) {
            stratum = fresh();
            Distribution.Running first = stratum.start("database", "upgrade", "-y");
            while (first.process().isAlive() && !lockHeld()) {
                Thread.sleep(5);
            }
            stoppedWhileHolding = first.process().isAlive() && lockHeld();
            first.process().destroy();
            first.await();
        }
        assertThat(stoppedWhileHolding).as("an upgrade was stopped while it held the lock").isTrue();
        assertThat(lockHeld()).as("the lock after SIGTERM").isFalse();
        Distribution.Result next = stratum.run("database", "upgrade", "-y").exits(OK);
        assertThat(next.err()).as(next.toString()).doesNotContain("Waiting for the migration lock");
    }

    @Test
    void aLockHeldElsewhereIsWaitedForNamingItsHolderThenTimesOutWithItsExitCode() throws Exception {
        Distribution stratum = fresh().env("STRATUM_DATABASE_LOCK_TIMEOUT", "6");
        Distribution.Result upgrade;
        try (AutoCloseable held = holdLockElsewhere()) {
            upgrade = stratum.run("database", "upgrade", "-y").exits(LOCK_TIMEOUT);
        }
        List<String> waiting = upgrade.err().lines().filter(line -> line.startsWith("Waiting for the migration lock held by "))
                .toList();
        assertThat(waiting).as(upgrade.toString()).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(line -> assertThat(line).contains(heldElsewhereBy()));
        assertThat(upgrade.err()).as(upgrade.toString()).contains("Error: Gave up waiting for the migration lock after 6.",
                heldElsewhereBy(), "STRATUM_DATABASE_LOCK_TIMEOUT", "Nothing was changed");
        assertThat(historyCounts()).isEmpty();
        // Once the holder is gone, the same command goes through.
        stratum.run("database", "upgrade", "-y").exits(OK);
    }
}
