package io.stratum.benchmarks;

import io.stratum.api.Dialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark 9: the whole run lifecycle a server runs all day (issue 18): N due runs taken, started and
 * finished exactly once by workers in batches of 100, on one fresh database per mode. Contestants on
 * the same database in the same run, alternating rounds: db-scheduler (PostgreSQL only, the peer), the
 * hand-written JDBC floors, and Stratum through its public API.
 */
final class LifecycleBenchmark {
    static final int BATCH = 100;
    static final int WORKERS = 4;
    static final String THREE_STEP_FLOOR = "JDBC floor, three steps";
    static final String PER_TRANSITION_FLOOR = "JDBC floor, one statement per transition";
    static final String DB_SCHEDULER = "db-scheduler 16.12.0";

    private LifecycleBenchmark() {
    }

    /**
     * One way to run the lifecycle over flow runs: claim a batch of due runs (moving them to PENDING),
     * start them (RUNNING), finish them (COMPLETED). {@link #floor} names the JDBC floor it is held to.
     */
    interface Contestant {
        String name();

        String floor();

        List<UUID> claim() throws Exception;

        void start(List<UUID> runs) throws Exception;

        void finish(List<UUID> runs) throws Exception;
    }

    /**
     * Stratum's contestants: the lifecycle through the public API. Each is compared with the floor that
     * writes the same rows with the same transaction shape: bulk transitions the three-step floor, single
     * transitions the per-transition floor.
     */
    static List<Contestant> stratum(BenchDatabase database) {
        return List.of(new StratumLifecycle.BulkTransitions(database), new StratumLifecycle.SingleTransitions(database));
    }

    /** One contestant's figures in one mode. */
    record Row(String contestant, String floor, double runsPerSecond, double roundTripsPerRun, double jvmCpuMsPerRun,
               double postgresCpuMsPerRun) {
        boolean isStratum() {
            return floor != null;
        }
    }

    /** One mode: a database (and, on PostgreSQL, a commit setting), its contestants and their ratios. */
    record Result(String dialect, String mode, int runs, int rounds, List<Row> rows, List<Comparison> comparisons) {
        Row row(String contestant) {
            return rows.stream().filter(r -> r.contestant().equals(contestant)).findFirst().orElse(null);
        }
    }

    /**
     * Runs each contestant takes before its timed rounds, at least. With a tenth of 20,000 runs, the JIT was still
     * compiling Stratum's paths during the first mode's timed rounds: its JVM CPU per run was 0.149 ms there
     * against 0.061 ms in the second mode of the same process (7 Dec 2026), and the first mode's ratio the lower.
     */
    static final int MIN_WARM_UP = 10_000;

    static List<Result> measure(Dialect dialect, int runs, int rounds, int roundTripRuns, int minWarmUp)
            throws Exception {
        List<Result> results = new ArrayList<>();
        if (Dialects.POSTGRESQL.equals(dialect)) {
            for (boolean synchronousCommit : new boolean[] {false, true}) {
                results.add(measureMode(dialect, "synchronous_commit " + (synchronousCommit ? "on" : "off"),
                        synchronousCommit, WORKERS, runs, rounds, roundTripRuns, minWarmUp));
            }
        } else {
            for (int workers : new int[] {1, WORKERS}) {
                results.add(measureMode(dialect, workers + (workers == 1 ? " worker" : " workers"), true, workers, runs,
                        rounds, 0, minWarmUp));
            }
        }
        return results;
    }

    private static Result measureMode(Dialect dialect, String mode, boolean synchronousCommit, int workers, int runs,
                                      int rounds, int roundTripRuns, int minWarmUp) throws Exception {
        boolean postgres = Dialects.POSTGRESQL.equals(dialect);
        try (BenchDatabase database = BenchDatabase.create(dialect, workers + 2 + (postgres ? DbSchedulerPeer.THREADS + 2 : 0),
                synchronousCommit)) {
            Seeds seeds = new Seeds(database);
            List<Contender> contenders = new ArrayList<>();
            if (postgres) {
                contenders.add(new DbSchedulerPeer(database));
            }
            contenders.add(new Drain(database, seeds, new JdbcLifecycle(database, seeds, true), workers));
            contenders.add(new Drain(database, seeds, new JdbcLifecycle(database, seeds, false), workers));
            for (Contestant contestant : stratum(database)) {
                contenders.add(new Drain(database, seeds, contestant, workers));
            }
            String title = "Run lifecycle · " + dialect.id() + " · " + mode;
            int warmUp = Math.max(Math.max(BATCH * workers * 2, runs / 10), minWarmUp);
            Console.progress(title + ": warming up (" + String.format("%,d", warmUp) + " runs each)");
            for (Contender contender : contenders) {
                timed(contender, warmUp, null);
            }
            Map<Contender, List<Double>> rates = new LinkedHashMap<>();
            Map<Contender, Cpu.Use> cpu = new LinkedHashMap<>();
            contenders.forEach(c -> {
                rates.put(c, new ArrayList<>());
                cpu.put(c, new Cpu.Use(0, 0, 0));
            });
            for (int round = 0; round < rounds; round++) {
                List<Contender> order = new ArrayList<>(contenders);
                if (round % 2 == 1) {
                    Collections.reverse(order);
                }
                StringBuilder line = new StringBuilder("  round " + (round + 1) + ":");
                for (Contender contender : order) {
                    Cpu.Use used = timed(contender, runs, database);
                    double rate = runs / used.seconds();
                    rates.get(contender).add(rate);
                    cpu.put(contender, cpu.get(contender).plus(used));
                    line.append(String.format(" %s %,.0f;", contender.name(), rate));
                }
                Console.progress(line.toString());
            }
            Map<Contender, Double> roundTrips = new LinkedHashMap<>();
            if (postgres && roundTripRuns > 0) {
                for (Contender contender : contenders) {
                    roundTrips.put(contender, RoundTrips.perRun(contender, roundTripRuns));
                }
            }
            checkSameRows(contenders);
            List<Row> rows = new ArrayList<>();
            for (Contender contender : contenders) {
                Cpu.Use used = cpu.get(contender);
                double perRun = 1.0 / ((double) runs * rounds);
                rows.add(new Row(contender.name(), contender.floor(), Comparison.median(rates.get(contender)),
                        roundTrips.getOrDefault(contender, Double.NaN), used.jvmNanos() / 1e6 * perRun,
                        postgres ? used.postgresNanos() / 1e6 * perRun : Double.NaN));
            }
            Result result = new Result(dialect.id(), mode, runs, rounds, rows, comparisons(dialect.id(), mode, rows));
            for (Row row : rows) {
                Console.progress(String.format("%s · %s: %,.0f runs/s, %.2f round trips/run, CPU %.3f ms/run JVM + %.3f "
                        + "PostgreSQL", title, row.contestant(), row.runsPerSecond(), row.roundTripsPerRun(),
                        row.jvmCpuMsPerRun(), row.postgresCpuMsPerRun()));
            }
            result.comparisons().forEach(c -> Console.progress(String.format("%s · %s → %.2f× (target ≥ %.1f×)",
                    title, c.label(), c.ratio(), c.target())));
            return result;
        }
    }

    /**
     * The ratios issue 18 sets: each Stratum contestant against its own floor (≥ 0.8×: bulk transitions the
     * three-step floor, single transitions the per-transition floor), bulk transitions against db-scheduler
     * (≥ 0.3×, the goal). The other contestants stand beside a ratio, without a target.
     */
    private static List<Comparison> comparisons(String dialect, String mode, List<Row> rows) {
        List<Comparison> comparisons = new ArrayList<>();
        Map<String, Row> byName = new LinkedHashMap<>();
        rows.forEach(row -> byName.put(row.contestant(), row));
        String shortMode = mode.replace("synchronous_commit", "sync");
        for (Row row : rows) {
            if (!row.isStratum()) {
                continue;
            }
            String who = row.contestant().replaceFirst("^Stratum, ", "").replaceFirst(" transitions$", "");
            boolean bulk = row.floor().equals(THREE_STEP_FLOOR);
            Map<String, Double> beside = new LinkedHashMap<>();
            for (String other : List.of(THREE_STEP_FLOOR, DB_SCHEDULER)) {
                if (!bulk && byName.containsKey(other)) {
                    beside.put(shortName(other), byName.get(other).runsPerSecond());
                }
            }
            comparisons.add(new Comparison("Run lifecycle", dialect, who + " / " + shortName(row.floor()) + ", "
                    + shortMode, "runs/s", row.runsPerSecond(), byName.get(row.floor()).runsPerSecond(), 0.8, beside, ""));
            if (bulk && byName.containsKey(DB_SCHEDULER)) {
                comparisons.add(new Comparison("Run lifecycle", dialect, who + " / " + shortName(DB_SCHEDULER) + ", "
                        + shortMode, "runs/s", row.runsPerSecond(), byName.get(DB_SCHEDULER).runsPerSecond(), 0.3,
                        Map.of(), ""));
            }
        }
        return comparisons;
    }

    static String shortName(String contestant) {
        return switch (contestant) {
            case THREE_STEP_FLOOR -> "three-step floor";
            case PER_TRANSITION_FLOOR -> "per-transition floor";
            case DB_SCHEDULER -> "db-scheduler";
            default -> contestant;
        };
    }

    /** Prepares (untimed), runs (timed, with the CPU it took) and verifies (untimed) one round. */
    private static Cpu.Use timed(Contender contender, int runs, BenchDatabase database) throws Exception {
        contender.prepare(runs);
        Cpu.Snapshot before = Cpu.snapshot(database);
        long start = System.nanoTime();
        long done = contender.run();
        long elapsed = System.nanoTime() - start;
        Cpu.Snapshot after = Cpu.snapshot(database);
        contender.verify(runs);
        if (done != runs) {
            throw new IllegalStateException(contender.name() + " did " + done + " of " + runs + " runs");
        }
        return after.minus(before, elapsed);
    }

    /** A Stratum row and a floor row of one run must hold the same values in every column that matters. */
    private static void checkSameRows(List<Contender> contenders) {
        String reference = null;
        String referenceName = null;
        for (Contender contender : contenders) {
            String signature = contender.signature();
            if (signature == null) {
                continue;
            }
            if (reference == null) {
                reference = signature;
                referenceName = contender.name();
            } else if (!reference.equals(signature)) {
                throw new IllegalStateException("The contestants do not write the same rows.\n" + referenceName + ":\n"
                        + reference + "\n" + contender.name() + ":\n" + signature);
            }
        }
    }

    /** One contestant as the benchmark drives it: seeded (untimed), run (timed), verified (untimed). */
    interface Contender {
        String name();

        /** The floor a Stratum contestant is held to; {@code null} for the others. */
        String floor();

        void prepare(int runs) throws Exception;

        long run() throws Exception;

        void verify(int runs) throws Exception;

        /** What one run's rows look like (ids and times as relations), to compare contestants; or null. */
        String signature();
    }

    /**
     * Seeds {@code runs} due runs, then the workers take batches until a claim comes back empty: each
     * batch claimed, started and finished; a ledger catches any run seen twice in a step.
     */
    static final class Drain implements Contender {
        private final BenchDatabase database;
        private final Seeds seeds;
        private final Contestant contestant;
        private final int workers;
        private final Set<UUID> claimed = ConcurrentHashMap.newKeySet();
        private final Set<UUID> started = ConcurrentHashMap.newKeySet();
        private final Set<UUID> finished = ConcurrentHashMap.newKeySet();
        private final AtomicLong twice = new AtomicLong();
        private String signature;

        Drain(BenchDatabase database, Seeds seeds, Contestant contestant, int workers) {
            this.database = database;
            this.seeds = seeds;
            this.contestant = contestant;
            this.workers = workers;
        }

        @Override
        public String name() {
            return contestant.name();
        }

        @Override
        public String floor() {
            return contestant.floor();
        }

        @Override
        public void prepare(int runs) {
            claimed.clear();
            started.clear();
            finished.clear();
            twice.set(0);
            if (Dialects.POSTGRESQL.equals(database.dialect())) {
                // As in the claim benchmark: TRUNCATE, not VACUUM, so no backend caches a plan for a known-empty table.
                database.execute("TRUNCATE flow_run, flow_run_state CASCADE");
                seeds.scheduledRuns(runs, Instant.now().minus(1, ChronoUnit.HOURS));
                database.execute("ANALYZE flow_run");
            } else {
                database.execute("DELETE FROM flow_run_state", "DELETE FROM flow_run");
                seeds.scheduledRuns(runs, Instant.now().minus(1, ChronoUnit.HOURS));
            }
        }

        @Override
        public long run() throws Exception {
            return Parallel.run(workers, thread -> {
                long done = 0;
                while (true) {
                    List<UUID> batch = contestant.claim();
                    if (batch.isEmpty()) {
                        return done;
                    }
                    record(claimed, batch);
                    contestant.start(batch);
                    record(started, batch);
                    contestant.finish(batch);
                    record(finished, batch);
                    done += batch.size();
                }
            });
        }

        private void record(Set<UUID> step, List<UUID> batch) {
            for (UUID id : batch) {
                if (!step.add(id)) {
                    twice.incrementAndGet();
                }
            }
        }

        @Override
        public void verify(int runs) throws Exception {
            if (twice.get() != 0 || claimed.size() != runs || started.size() != runs || finished.size() != runs) {
                throw new IllegalStateException(name() + ": not exactly once: " + claimed.size() + " claimed, "
                        + started.size() + " started, " + finished.size() + " finished of " + runs + "; " + twice.get()
                        + " runs seen twice in a step");
            }
            signature = LifecycleRows.verify(database, runs, name());
        }

        @Override
        public String signature() {
            return signature;
        }
    }

    /** Counts rows, for the peer's check. */
    static long count(BenchDatabase database, String sql) throws Exception {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
