package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.Stratum;
import io.stratum.orm.model.FlowEntity;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A separate JVM ({@link SqliteWriterProcess}) writing to a SQLite file is killed with SIGKILL
 * ({@link Process#destroyForcibly()} on Linux) in the middle of its workload. Afterwards the file
 * passes {@code PRAGMA integrity_check}, every commit the child acknowledged (printed after
 * {@code inTransactionForUpdate} returned) is there, and no transaction is half there: every run has
 * both its states and points at the newest.
 */
class FaultKillSqliteTest {
    /** Acknowledged commits to wait for before the kill. */
    private static final int COMMITS_BEFORE_KILL = 60;

    private SqliteTestDatabase database;
    private Process child;

    @BeforeEach
    void createDatabase() {
        database = new SqliteTestDatabase();
    }

    @AfterEach
    void cleanUp() {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
        }
        database.close();
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void everyAcknowledgedCommitSurvivesASigkillAndTheFileIsIntact() throws Exception {
        FlowEntity flow = new FlowEntity("killed-writer");
        try (DatabaseInterface db = Stratum.open(database.settings().migrateOnStart(true).build())) {
            db.inTransaction(session -> {
                session.persist(flow);
                return null;
            });
        }

        Path stderr = Files.createTempFile("stratum-sqlite-writer-", ".err");
        ProcessBuilder builder = new ProcessBuilder(FaultProcesses.javaCommand(
                "io.stratum.it.SqliteWriterProcess", flow.getId().toString(), "3"))
                .redirectError(stderr.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("STRATUM_DATABASE_"));
        builder.environment().put("STRATUM_DATABASE_URL", "jdbc:sqlite:" + database.file());
        builder.environment().put("STRATUM_DATABASE_TIMEOUT", "30");
        long started = System.nanoTime();
        child = builder.start();

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        CountDownLatch enough = new CountDownLatch(1);
        List<String> otherOutput = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("committed ")) {
                        acknowledged.add(line.substring("committed ".length()).strip());
                        if (acknowledged.size() >= COMMITS_BEFORE_KILL) {
                            enough.countDown();
                        }
                    } else {
                        synchronized (otherOutput) {
                            otherOutput.add(line);
                        }
                    }
                }
            } catch (java.io.IOException ignored) {
                // The stream closes when the child dies.
            }
        }, "child-stdout");
        reader.start();

        boolean reached = enough.await(120, TimeUnit.SECONDS);
        assertThat(reached).as("the child acknowledged %d commits within 120 s (it has %d; alive: %s); stderr:%n%s",
                COMMITS_BEFORE_KILL, acknowledged.size(), child.isAlive(), Files.readString(stderr)).isTrue();
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the child died").isTrue();
        reader.join(10_000);
        // 128 + 9: killed by SIGKILL, not a clean exit.
        assertThat(child.exitValue()).as("exit status of the killed child (died by SIGKILL, not on its own); stderr:%n%s",
                Files.readString(stderr)).isEqualTo(137);
        System.out.println("[timing] SQLite writer killed after " + acknowledged.size() + " acknowledged commits, "
                + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms after launch");

        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            try (ResultSet check = statement.executeQuery("PRAGMA integrity_check")) {
                List<String> problems = new ArrayList<>();
                while (check.next()) {
                    problems.add(check.getString(1));
                }
                assertThat(problems).as("PRAGMA integrity_check").containsExactly("ok");
            }
            try (ResultSet check = statement.executeQuery("PRAGMA foreign_key_check")) {
                assertThat(check.next()).as("PRAGMA foreign_key_check finds no orphan").isFalse();
            }

            Map<String, RunRow> runs = new HashMap<>();
            try (ResultSet rows = statement.executeQuery("SELECT r.id, r.state_id, r.state_type, s.flow_run_id, s.type, "
                    + "(SELECT count(*) FROM flow_run_state x WHERE x.flow_run_id = r.id), "
                    + "(SELECT x.id FROM flow_run_state x WHERE x.flow_run_id = r.id ORDER BY x.timestamp DESC LIMIT 1) "
                    + "FROM flow_run r LEFT JOIN flow_run_state s ON s.id = r.state_id")) {
                while (rows.next()) {
                    runs.put(rows.getString(1), new RunRow(rows.getString(2), rows.getString(3), rows.getString(4),
                            rows.getString(5), rows.getInt(6), rows.getString(7)));
                }
            }
            assertThat(runs.keySet()).as("every acknowledged run is stored").containsAll(acknowledged);
            for (Map.Entry<String, RunRow> entry : runs.entrySet()) {
                RunRow run = entry.getValue();
                assertThat(run.states()).as("states of run %s (both or none)", entry.getKey()).isEqualTo(2);
                assertThat(run.stateOwner()).as("current state of run %s belongs to it", entry.getKey())
                        .isEqualTo(entry.getKey());
                assertThat(run.stateId()).as("run %s points at its newest state", entry.getKey()).isEqualTo(run.newestState());
                assertThat(run.stateType()).isEqualTo("PENDING").isEqualTo(run.currentStateType());
            }
            long orphanStates;
            try (ResultSet row = statement.executeQuery("SELECT count(*) FROM flow_run_state s WHERE NOT EXISTS "
                    + "(SELECT 1 FROM flow_run r WHERE r.id = s.flow_run_id)")) {
                row.next();
                orphanStates = row.getLong(1);
            }
            assertThat(orphanStates).as("states without their run").isZero();
        }

        // The database opens and takes writes again through the interface.
        try (DatabaseInterface db = Stratum.open(database.settings().migrateOnStart(true).build())) {
            long runs = db.sessionContext(false, false,
                    session -> session.createQuery("SELECT count(r) FROM FlowRun r", Long.class).getSingleResult());
            assertThat(runs).isGreaterThanOrEqualTo(acknowledged.size());
            db.inTransaction(session -> {
                session.persist(new FlowEntity("after-the-crash"));
                return null;
            });
        }
        Files.deleteIfExists(stderr);
    }

    record RunRow(String stateId, String stateType, String stateOwner, String currentStateType, int states,
                  String newestState) {
    }
}
