package io.stratum.benchmarks;

import io.stratum.api.Dialect;
import io.stratum.api.query.SqlFragment;
import io.stratum.api.query.WorkerPolling;
import io.stratum.api.query.WorkerPollRequest;
import jakarta.persistence.Query;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark 6: claim and run-history latency as the flow_run table grows. The work stays the same at
 * every size, as on a real server: 1,000 runs are SCHEDULED (a claim takes 10 and is rolled back, so
 * they stay), the rest is finished history, one run a minute, so the last day always holds 1,440 runs
 * (the run history counts them in 24 hourly buckets). What grows is only what the queries must not read.
 */
final class GrowthBenchmark {
    static final int SCHEDULED = 1_000;
    static final int CLAIM_SIZE = 10;

    private GrowthBenchmark() {
    }

    /** One table size: median and 95th percentile latencies in milliseconds, and the plans. */
    record Point(String dialect, long runs, double claimStratum, double claimJdbc, double claimStratumP95,
                 double historyStratum, double historyJdbc, double historyStratumP95, String claimPlan,
                 String historyPlan, boolean plansOnIndex) {
    }

    static List<Point> measure(Dialect dialect, long[] sizes, int samples) throws Exception {
        List<Point> points = new ArrayList<>();
        try (BenchDatabase database = BenchDatabase.create(dialect, 2)) {
            Seeds seeds = new Seeds(database);
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            seeds.scheduledRuns(SCHEDULED, now.plus(1, ChronoUnit.HOURS));
            long finished = 0;
            JdbcClaims jdbcClaims = new JdbcClaims(database, CLAIM_SIZE);
            WorkerPolling polling = database.db().queries().polling();
            WorkerPollRequest request = WorkerPollRequest.builder().limit(CLAIM_SIZE).build();
            SqlFragment intervals = database.db().queries().helpers().timestampIntervalsQuery(now.minus(1, ChronoUnit.DAYS),
                    now, Duration.ofHours(1));
            String history = "SELECT i.interval_start, fr.state_type, count(fr.id) FROM (" + intervals.sql() + ") i "
                    + "LEFT JOIN flow_run fr ON fr.expected_start_time >= i.interval_start "
                    + "AND fr.expected_start_time < i.interval_end GROUP BY i.interval_start, fr.state_type "
                    + "ORDER BY i.interval_start, fr.state_type";
            for (long size : sizes) {
                long target = size - SCHEDULED;
                Console.progress(String.format("Growth · %s · seeding to %,d flow runs", dialect.id(), size));
                for (long from = finished + 1; from <= target; from += 250_000) {
                    seeds.finishedRuns(from, Math.min(target, from + 249_999), now);
                }
                finished = target;
                if (Dialects.POSTGRESQL.equals(dialect)) {
                    // What autovacuum does after a bulk load; without statistics the planner guesses.
                    database.execute("VACUUM ANALYZE flow_run");
                }
                Latencies claimStratum = new Latencies();
                Latencies claimJdbc = new Latencies();
                Latencies historyStratum = new Latencies();
                Latencies historyJdbc = new Latencies();
                for (int i = -samples / 5; i < samples; i++) {
                    boolean record = i >= 0;
                    claimStratum.time(record, () -> stratumClaim(database, polling, request));
                    claimJdbc.time(record, () -> jdbcClaims.claim(false));
                    historyStratum.time(record, () -> database.db().sessionContext(false, false, session -> {
                        Query query = session.createNativeQuery(history);
                        intervals.bindTo(query, 1);
                        return query.getResultList();
                    }));
                    historyJdbc.time(record, () -> jdbcQuery(database, history, intervals.parameters()));
                }
                String claimPlan = Plans.explain(database, jdbcClaims.pollSql(), jdbcClaims::bindPoll);
                String historyPlan = Plans.explain(database, history, statement -> {
                    for (int p = 0; p < intervals.parameters().size(); p++) {
                        database.values().bind(statement, p + 1, intervals.parameters().get(p));
                    }
                });
                boolean onIndex = Plans.flowRunOnIndex(dialect, claimPlan) && Plans.flowRunOnIndex(dialect, historyPlan);
                Point point = new Point(dialect.id(), size, claimStratum.median(), claimJdbc.median(), claimStratum.p95(),
                        historyStratum.median(), historyJdbc.median(), historyStratum.p95(), claimPlan, historyPlan, onIndex);
                Console.progress(String.format("Growth · %s · %,d runs: claim %.2f ms (JDBC %.2f), history %.2f ms "
                                + "(JDBC %.2f), plans on index: %s", dialect.id(), size, point.claimStratum(),
                        point.claimJdbc(), point.historyStratum(), point.historyJdbc(), onIndex));
                points.add(point);
            }
        }
        return points;
    }

    /** A claim in a transaction that is then rolled back, so the scheduled runs stay for the next sample. */
    private static Object stratumClaim(BenchDatabase database, WorkerPolling polling, WorkerPollRequest request) {
        try {
            database.db().inTransactionForUpdate(session -> {
                if (polling.claim(session, request).size() != CLAIM_SIZE) {
                    throw new IllegalStateException("Claim returned fewer than " + CLAIM_SIZE + " runs");
                }
                throw new RollBack();
            });
        } catch (RollBack expected) {
            return expected;
        }
        throw new IllegalStateException("The claim was not rolled back");
    }

    private static Object jdbcQuery(BenchDatabase database, String sql, List<Object> parameters) throws Exception {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int p = 0; p < parameters.size(); p++) {
                database.values().bind(statement, p + 1, parameters.get(p));
            }
            List<Object[]> rows = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    rows.add(new Object[] {row.getObject(1), row.getObject(2), row.getLong(3)});
                }
            }
            return rows;
        }
    }

    /** Thrown to roll a sample's transaction back. */
    private static final class RollBack extends RuntimeException {
        RollBack() {
            super("rolled back on purpose", null, false, false);
        }
    }

    /** Sample latencies in milliseconds. */
    private static final class Latencies {
        private final List<Double> millis = new ArrayList<>();

        @FunctionalInterface
        interface Task {
            Object run() throws Exception;
        }

        void time(boolean record, Task task) throws Exception {
            long start = System.nanoTime();
            task.run();
            if (record) {
                millis.add((System.nanoTime() - start) / 1e6);
            }
        }

        double median() {
            return Comparison.median(millis);
        }

        double p95() {
            List<Double> sorted = new ArrayList<>(millis);
            sorted.sort(null);
            return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.95) - 1));
        }
    }
}
