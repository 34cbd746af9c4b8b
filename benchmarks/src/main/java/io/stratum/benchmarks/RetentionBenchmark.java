package io.stratum.benchmarks;

import io.stratum.api.Dialect;
import io.stratum.api.query.RetentionProgress;
import io.stratum.api.query.RetentionRequest;
import io.stratum.api.query.RetentionResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Benchmark 12 (issue 17): retention under load. An old history ({@code runs} finished top-level runs
 * a year old, each with three states and {@value #LOGS_PER_RUN} log rows) is deleted while
 * {@value RetentionPollers#POLLERS} pollers keep claiming and transitioning a pool of scheduled runs. Each
 * path starts from the same freshly seeded history: Stratum's {@code retention().clean(...)}, and the floor,
 * hand-written batched DELETEs of the same rows with the same batch size. For each path the claim latency
 * is measured with the pollers alone (idle) and while the clean runs beside them.
 */
final class RetentionBenchmark {
    static final int LOGS_PER_RUN = 10;
    static final int STATES_PER_RUN = 3;
    static final int BATCH = RetentionRequest.DEFAULT_BATCH_SIZE;
    /** Issue 17: claim p99 during the clean at most this many times the idle p99. */
    static final double TARGET_RATIO = 3.0;
    private static final String FINISHED = "finished-%";

    private RetentionBenchmark() {
    }

    /** One path's figures: its deletes by table (and the time of the phase that deleted them) and the claims beside it. */
    record Row(String path, double seconds, Map<String, Long> rows, Map<String, Double> phaseSeconds,
               RetentionPollers.Latencies idle, RetentionPollers.Latencies during, long claims) {
        double ratio() {
            return during.p99Millis() / idle.p99Millis();
        }

        boolean meetsTarget() {
            return ratio() <= TARGET_RATIO;
        }

        double rowsPerSecond(String table) {
            return rows.getOrDefault(table, 0L) / phaseSeconds.getOrDefault(table, Double.NaN);
        }

        long totalRows() {
            return rows.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    record Result(String dialect, int runs, long logs, double idleSeconds, List<Row> rows) {
    }

    static Result measure(Dialect dialect, int runs, double idleSeconds) throws Exception {
        List<Row> rows = new ArrayList<>();
        // The pool: the pollers, the clean and one spare (the floor's autocommit connection on PostgreSQL).
        try (BenchDatabase database = BenchDatabase.create(dialect, RetentionPollers.POLLERS + 2)) {
            Seeds seeds = new Seeds(database);
            seeds.scheduledRuns(RetentionPollers.POLLERS * RetentionPollers.POOL_PER_POLLER,
                    Instant.now().minus(1, ChronoUnit.HOURS));
            Instant cutoff = Instant.now().minus(Duration.ofDays(90));
            // Both paths measured warm: under load, the first seconds of a cold JVM's claims take 10× longer.
            try (RetentionPollers warmUp = RetentionPollers.start(database)) {
                Thread.sleep((long) (Math.max(5, idleSeconds) * 1000));
                warmUp.stop();
            }
            rows.add(path(database, seeds, runs, cutoff, idleSeconds, "Stratum `retention().clean`",
                    () -> stratumClean(database, cutoff)));
            rows.add(path(database, seeds, runs, cutoff, idleSeconds, "Hand-written batched DELETE (floor)",
                    () -> new Floor(database).clean(cutoff)));
        }
        return new Result(dialect.id(), runs, (long) runs * LOGS_PER_RUN, idleSeconds, rows);
    }

    @FunctionalInterface
    private interface Clean {
        Deleted run() throws Exception;
    }

    /** What a clean deleted: rows per table, seconds per table's phase. */
    record Deleted(Map<String, Long> rows, Map<String, Double> phaseSeconds) {
    }

    private static Row path(BenchDatabase database, Seeds seeds, int runs, Instant cutoff, double idleSeconds, String name,
                            Clean clean) throws Exception {
        seedHistory(database, seeds, runs);
        long poolRuns = count(database, "SELECT count(*) FROM flow_run WHERE name NOT LIKE '" + FINISHED + "'");
        Console.progress(String.format("Retention on %s: %s, %,d old runs and %,d log rows seeded", database.dialect().id(),
                name, runs, (long) runs * LOGS_PER_RUN));
        try (RetentionPollers pollers = RetentionPollers.start(database)) {
            // A warm-up (JIT, connections, the pool's first claims), not measured.
            Thread.sleep((long) (Math.max(2, idleSeconds / 4) * 1000));
            pollers.window();
            Thread.sleep((long) (idleSeconds * 1000));
            RetentionPollers.Latencies idle = pollers.window();
            long started = System.nanoTime();
            Deleted deleted = clean.run();
            double seconds = (System.nanoTime() - started) / 1e9;
            RetentionPollers.Latencies during = pollers.window();
            pollers.stop();
            pollers.verify(database);
            verifyHistoryGone(database, runs, poolRuns, deleted);
            Row row = new Row(name, seconds, deleted.rows(), deleted.phaseSeconds(), idle, during, pollers.claims());
            Console.progress(String.format("Retention on %s: %s took %.1f s (%,.0f rows/s); claim p99 %.1f ms idle, "
                            + "%.1f ms during (%.2f×)", database.dialect().id(), name, seconds, row.totalRows() / seconds,
                    idle.p99Millis(), during.p99Millis(), row.ratio()));
            return row;
        }
    }

    private static Deleted stratumClean(BenchDatabase database, Instant cutoff) {
        Map<String, Double> phases = new LinkedHashMap<>();
        RetentionResult result = database.db().queries().retention().clean(RetentionRequest.builder()
                .flowRunsBefore(cutoff).batchSize(BATCH).progress(new RetentionProgress() {
                    @Override
                    public void finished(String table, long total, Duration elapsed) {
                        phases.put(table, elapsed.toNanos() / 1e9);
                    }
                }).build());
        Map<String, Long> rows = new LinkedHashMap<>();
        result.rows().forEach((table, count) -> {
            if (count > 0) {
                rows.put(table, count);
            }
        });
        return new Deleted(rows, phases);
    }

    /**
     * A year-old history: {@code runs} finished top-level runs (one a minute, every tenth FAILED), each with
     * Pending, Running and its final state (the run pointing at the last), and {@value #LOGS_PER_RUN} log rows.
     */
    private static void seedHistory(BenchDatabase database, Seeds seeds, int runs) {
        boolean postgres = Dialects.POSTGRESQL.equals(database.dialect());
        seeds.finishedRuns(1, runs, Instant.now().minus(Duration.ofDays(365)));
        String old = "r.name LIKE '" + FINISHED + "'";
        if (postgres) {
            database.execute("INSERT INTO flow_run_state (id, created, updated, flow_run_id, type, \"timestamp\", name) "
                            + "SELECT gen_random_uuid(), r.end_time, r.end_time, r.id, CASE k WHEN 0 THEN r.state_type "
                            + "WHEN 1 THEN CAST('RUNNING' AS state_type) ELSE CAST('PENDING' AS state_type) END, "
                            + "r.end_time - k * interval '1 second', CASE k WHEN 0 THEN r.state_name WHEN 1 THEN 'Running' "
                            + "ELSE 'Pending' END FROM flow_run r CROSS JOIN generate_series(0, " + (STATES_PER_RUN - 1)
                            + ") AS s(k) WHERE " + old,
                    "UPDATE flow_run r SET state_id = s.id FROM flow_run_state s WHERE s.flow_run_id = r.id "
                            + "AND s.\"timestamp\" = r.end_time AND " + old,
                    "INSERT INTO log (created, updated, name, level, flow_run_id, message, \"timestamp\") "
                            + "SELECT r.end_time, r.end_time, 'benchmark', 20, r.id, 'line ' || k, r.end_time "
                            + "FROM flow_run r CROSS JOIN generate_series(1, " + LOGS_PER_RUN + ") AS s(k) WHERE " + old,
                    "ANALYZE");
        } else {
            String seconds = "(strftime('%Y-%m-%d %H:%M:%f', r.end_time, '-' || k || ' seconds') || '000')";
            database.execute("INSERT INTO flow_run_state (created, updated, flow_run_id, type, \"timestamp\", name) "
                            + "WITH RECURSIVE s(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM s WHERE k < "
                            + (STATES_PER_RUN - 1) + ") "
                            + "SELECT r.end_time, r.end_time, r.id, CASE k WHEN 0 THEN r.state_type WHEN 1 THEN 'RUNNING' "
                            + "ELSE 'PENDING' END, " + seconds + ", CASE k WHEN 0 THEN r.state_name WHEN 1 THEN 'Running' "
                            + "ELSE 'Pending' END FROM flow_run r CROSS JOIN s WHERE " + old,
                    "UPDATE flow_run SET state_id = s.id FROM flow_run_state s WHERE s.flow_run_id = flow_run.id "
                            + "AND s.\"timestamp\" = flow_run.end_time AND flow_run.name LIKE '" + FINISHED + "'",
                    "INSERT INTO log (created, updated, name, level, flow_run_id, message, \"timestamp\") "
                            + "WITH RECURSIVE s(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM s WHERE k < " + LOGS_PER_RUN
                            + ") SELECT r.end_time, r.end_time, 'benchmark', 20, r.id, 'line ' || k, r.end_time "
                            + "FROM flow_run r CROSS JOIN s WHERE " + old);
        }
        long states = count(database, "SELECT count(*) FROM flow_run_state s JOIN flow_run r ON r.id = s.flow_run_id "
                + "WHERE r.state_id IS NOT NULL AND " + old);
        if (states != (long) runs * STATES_PER_RUN) {
            throw new IllegalStateException("Seeded " + states + " states of old runs; expected " + runs * STATES_PER_RUN);
        }
    }

    /** Exactly the old history went: every old run, its states and logs; the pool's runs all stayed. */
    private static void verifyHistoryGone(BenchDatabase database, int runs, long poolRuns, Deleted deleted) {
        Map<String, Long> expected = Map.of("flow_run", (long) runs, "flow_run_state", (long) runs * STATES_PER_RUN,
                "log", (long) runs * LOGS_PER_RUN);
        for (Map.Entry<String, Long> table : expected.entrySet()) {
            Long reported = deleted.rows().get(table.getKey());
            if (reported != null && !reported.equals(table.getValue())) {
                throw new IllegalStateException("The clean reported " + reported + " " + table.getKey() + " rows deleted; "
                        + "expected " + table.getValue());
            }
        }
        long left = count(database, "SELECT count(*) FROM flow_run WHERE name LIKE '" + FINISHED + "'");
        long logs = count(database, "SELECT count(*) FROM log");
        long pool = count(database, "SELECT count(*) FROM flow_run");
        long orphanStates = count(database, "SELECT count(*) FROM flow_run_state s WHERE NOT EXISTS "
                + "(SELECT 1 FROM flow_run r WHERE r.id = s.flow_run_id)");
        if (left != 0 || logs != 0 || pool != poolRuns || orphanStates != 0) {
            throw new IllegalStateException("After the clean: " + left + " old runs and " + logs + " log rows left, "
                    + pool + " runs (expected the pool's " + poolRuns + "), " + orphanStates + " states of no run");
        }
    }

    static long count(BenchDatabase database, String sql) {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /**
     * The least hand-written JDBC for the same deletes, in batches of {@value #BATCH}, each its own
     * transaction: one statement per batch. Expired runs by {@code end_time} (their states go by the
     * foreign keys' cascade), then log rows of no run, walked by {@code flow_run_id} from where the last
     * batch stopped (the runs probed from there too: unbounded, PostgreSQL merge-joins the whole of
     * {@code flow_run}'s primary key from its start in every batch). PostgreSQL: a statement in autocommit. SQLite: in the process's write turn and a
     * {@code BEGIN IMMEDIATE} transaction, as any writer beside Stratum's pollers in this process must.
     */
    private static final class Floor {
        private static final String RUNS = "DELETE FROM flow_run WHERE id IN (SELECT id FROM flow_run "
                + "WHERE %1$sparent_task_run_id IS NULL AND %1$sstate_type IN ('COMPLETED', 'FAILED', 'CANCELLED', 'CRASHED') "
                + "AND end_time IS NOT NULL AND end_time < ? ORDER BY end_time LIMIT " + BATCH + "%2$s)";
        private static final String LOGS = "DELETE FROM log WHERE id IN (SELECT l.id FROM log l WHERE l.flow_run_id >= ? "
                + "AND NOT EXISTS (SELECT 1 FROM flow_run f WHERE f.id = l.flow_run_id AND f.id >= ?) ORDER BY l.flow_run_id LIMIT "
                + BATCH + ") RETURNING flow_run_id";

        private final BenchDatabase database;
        private final boolean postgres;

        Floor(BenchDatabase database) {
            this.database = database;
            this.postgres = Dialects.POSTGRESQL.equals(database.dialect());
        }

        Deleted clean(Instant cutoff) throws Exception {
            Map<String, Long> rows = new LinkedHashMap<>();
            Map<String, Double> phases = new LinkedHashMap<>();
            // SQLite's planner needs the same hint as the dialect's query, else it searches ix_flow_run__state_type.
            String runs = postgres ? String.format(RUNS, "", " FOR UPDATE SKIP LOCKED") : String.format(RUNS, "+", "");
            long started = System.nanoTime();
            long deletedRuns = 0;
            while (true) {
                int deleted = batch(connection -> {
                    try (PreparedStatement statement = connection.prepareStatement(runs)) {
                        database.values().timestamp(statement, 1, cutoff);
                        return statement.executeUpdate();
                    }
                });
                deletedRuns += deleted;
                if (deleted == 0) {
                    break;
                }
            }
            rows.put("flow_run", deletedRuns);
            rows.put("flow_run_state", deletedRuns * STATES_PER_RUN);
            double runSeconds = (System.nanoTime() - started) / 1e9;
            phases.put("flow_run", runSeconds);
            phases.put("flow_run_state", runSeconds);
            started = System.nanoTime();
            long deletedLogs = 0;
            UUID from = new UUID(0L, 0L);
            while (true) {
                UUID after = from;
                List<UUID> runIds = batch(connection -> {
                    List<UUID> ids = new ArrayList<>();
                    try (PreparedStatement statement = connection.prepareStatement(LOGS)) {
                        database.values().uuid(statement, 1, after);
                        database.values().uuid(statement, 2, after);
                        try (ResultSet row = statement.executeQuery()) {
                            while (row.next()) {
                                ids.add(database.values().readUuid(row, 1));
                            }
                        }
                    }
                    return ids;
                });
                deletedLogs += runIds.size();
                if (runIds.size() < BATCH) {
                    break;
                }
                // Both databases order uuids as their lower-case text (PostgreSQL compares the bytes).
                from = runIds.stream().max((a, b) -> a.toString().compareTo(b.toString())).orElseThrow();
            }
            rows.put("log", deletedLogs);
            phases.put("log", (System.nanoTime() - started) / 1e9);
            return new Deleted(rows, phases);
        }

        private <T> T batch(JdbcTransaction.Work<T> work) throws Exception {
            if (postgres) {
                try (Connection connection = database.dataSource().getConnection()) {
                    connection.setAutoCommit(true);
                    return work.run(connection);
                }
            }
            return database.db().inTransactionForUpdate(session -> work.run(session.unwrap(Connection.class)));
        }
    }
}
