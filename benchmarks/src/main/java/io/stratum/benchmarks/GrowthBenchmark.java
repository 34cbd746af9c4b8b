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
 * A second database stays at the smallest size and is sampled alongside at every size (the samples
 * alternate), so the growth ratio compares latencies measured in the same minutes of a loaded machine.
 */
final class GrowthBenchmark {
    static final int SCHEDULED = 1_000;
    static final int CLAIM_SIZE = 10;
    /** Steps adding at least this many runs are loaded with flow_run's secondary indexes dropped and rebuilt. */
    static final long BULK_LOAD_FROM = 500_000;
    static final long CHUNK = 250_000;

    /**
     * SQLite grows to a million runs, not ten: one writer builds its ~25 flow_run indexes one after the other
     * and the seeding alone would take longer than the whole rest of the suite (docs/benchmarks.md gives the
     * 1,000,000-run seeding time it extrapolates from).
     */
    static final long SQLITE_LARGEST = 1_000_000;

    private GrowthBenchmark() {
    }

    /** The sizes a database grows through: all of them on PostgreSQL, up to {@link #SQLITE_LARGEST} on SQLite. */
    static long[] sizes(Dialect dialect, long[] sizes) {
        return Dialects.SQLITE.equals(dialect) ? java.util.Arrays.stream(sizes).filter(size -> size <= SQLITE_LARGEST)
                .toArray() : sizes;
    }

    /**
     * One table size: median and 95th percentile latencies in milliseconds, the same medians on the database
     * kept at the smallest size sampled alongside, the plans, and how long seeding the step took.
     */
    record Point(String dialect, long runs, double claimStratum, double claimJdbc, double claimStratumP95,
                 double historyStratum, double historyJdbc, double historyStratumP95, String claimPlan,
                 String historyPlan, boolean plansOnIndex, double claimAtSmallest, double historyAtSmallest,
                 long smallestRuns, double seedSeconds, boolean bulkLoaded) {
        /** Claim latency at this size over the smallest size's, sampled alongside. */
        double claimGrowth() {
            return claimStratum / claimAtSmallest;
        }

        double historyGrowth() {
            return historyStratum / historyAtSmallest;
        }
    }

    static List<Point> measure(Dialect dialect, long[] sizes, int samples) throws Exception {
        List<Point> points = new ArrayList<>();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (Subject smallest = new Subject(dialect, now); Subject growing = new Subject(dialect, now)) {
            smallest.seedTo(sizes[0]);
            for (long size : sizes) {
                smallest.vacuum();
                Console.progress(String.format("Growth · %s · seeding to %,d flow runs", dialect.id(), size));
                long started = System.nanoTime();
                boolean bulk = growing.seedTo(size);
                double seedSeconds = (System.nanoTime() - started) / 1e9;
                Console.progress(String.format("Growth · %s · seeded %,d flow runs in %.1f s%s", dialect.id(), size,
                        seedSeconds, bulk ? " (bulk load, indexes rebuilt)" : ""));
                Latencies claimStratum = new Latencies();
                Latencies claimJdbc = new Latencies();
                Latencies historyStratum = new Latencies();
                Latencies historyJdbc = new Latencies();
                Latencies claimSmallest = new Latencies();
                Latencies historySmallest = new Latencies();
                for (int i = -samples / 5; i < samples; i++) {
                    boolean record = i >= 0;
                    claimSmallest.time(record, smallest::stratumClaim);
                    claimStratum.time(record, growing::stratumClaim);
                    claimJdbc.time(record, growing::jdbcClaim);
                    historySmallest.time(record, smallest::stratumHistory);
                    historyStratum.time(record, growing::stratumHistory);
                    historyJdbc.time(record, growing::jdbcHistory);
                }
                String claimPlan = growing.claimPlan();
                String historyPlan = growing.historyPlan();
                boolean onIndex = Plans.flowRunOnIndex(dialect, claimPlan) && Plans.flowRunOnIndex(dialect, historyPlan);
                Point point = new Point(dialect.id(), size, claimStratum.median(), claimJdbc.median(), claimStratum.p95(),
                        historyStratum.median(), historyJdbc.median(), historyStratum.p95(), claimPlan, historyPlan, onIndex,
                        claimSmallest.median(), historySmallest.median(), sizes[0], seedSeconds, bulk);
                Console.progress(String.format("Growth · %s · %,d runs: claim %.2f ms (JDBC %.2f; %,d runs alongside %.2f: "
                                + "%.2f×), history %.2f ms (JDBC %.2f; alongside %.2f), plans on index: %s", dialect.id(), size,
                        point.claimStratum(), point.claimJdbc(), sizes[0], point.claimAtSmallest(), point.claimGrowth(),
                        point.historyStratum(), point.historyJdbc(), point.historyAtSmallest(), onIndex));
                points.add(point);
            }
        }
        return points;
    }

    /** One database of the benchmark: its scheduled runs, its history so far, and the queries it is sampled with. */
    private static final class Subject implements AutoCloseable {
        private final BenchDatabase database;
        private final Seeds seeds;
        private final Instant now;
        private final JdbcClaims jdbcClaims;
        private final WorkerPolling polling;
        private final WorkerPollRequest request = WorkerPollRequest.builder().limit(CLAIM_SIZE).build();
        private final SqlFragment intervals;
        private final String history;
        private long finished;

        Subject(Dialect dialect, Instant now) {
            this.database = BenchDatabase.create(dialect, 2);
            this.now = now;
            this.seeds = new Seeds(database);
            seeds.scheduledRuns(SCHEDULED, now.plus(1, ChronoUnit.HOURS));
            this.jdbcClaims = new JdbcClaims(database, CLAIM_SIZE);
            this.polling = database.db().queries().polling();
            this.intervals = database.db().queries().helpers().timestampIntervalsQuery(now.minus(1, ChronoUnit.DAYS), now,
                    Duration.ofHours(1));
            this.history = "SELECT i.interval_start, fr.state_type, count(fr.id) FROM (" + intervals.sql() + ") i "
                    + "LEFT JOIN flow_run fr ON fr.expected_start_time >= i.interval_start "
                    + "AND fr.expected_start_time < i.interval_end GROUP BY i.interval_start, fr.state_type "
                    + "ORDER BY i.interval_start, fr.state_type";
        }

        /** Adds finished runs up to {@code size} runs in all; returns whether it bulk loaded them. */
        boolean seedTo(long size) throws Exception {
            long target = size - SCHEDULED;
            List<String> inserts = new ArrayList<>();
            for (long from = finished + 1; from <= target; from += CHUNK) {
                inserts.add(seeds.finishedRunsSql(from, Math.min(target, from + CHUNK - 1), now));
            }
            boolean bulk = target - finished >= BULK_LOAD_FROM;
            if (bulk) {
                FlowRunBulkLoad.load(database, inserts);
            } else {
                database.execute(inserts.toArray(String[]::new));
            }
            finished = Math.max(finished, target);
            vacuum();
            return bulk;
        }

        /**
         * What autovacuum does after a bulk load (without statistics the planner guesses), and after the
         * rolled-back claims of the samples before.
         */
        void vacuum() {
            if (Dialects.POSTGRESQL.equals(database.dialect())) {
                // At 10,000,000 runs it takes longer than Stratum's statement timeout.
                database.execute("SET statement_timeout = 0", "VACUUM ANALYZE flow_run", "RESET statement_timeout");
            }
        }

        Object stratumClaim() {
            return GrowthBenchmark.stratumClaim(database, polling, request);
        }

        Object jdbcClaim() throws Exception {
            return jdbcClaims.claim(false);
        }

        Object stratumHistory() {
            return database.db().sessionContext(false, false, session -> {
                Query query = session.createNativeQuery(history);
                intervals.bindTo(query, 1);
                return query.getResultList();
            });
        }

        Object jdbcHistory() throws Exception {
            return jdbcQuery(database, history, intervals.parameters());
        }

        String claimPlan() throws Exception {
            return Plans.explain(database, jdbcClaims.pollSql(), jdbcClaims::bindPoll);
        }

        String historyPlan() throws Exception {
            return Plans.explain(database, history, statement -> {
                for (int p = 0; p < intervals.parameters().size(); p++) {
                    database.values().bind(statement, p + 1, intervals.parameters().get(p));
                }
            });
        }

        @Override
        public void close() {
            database.close();
        }
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
