package io.stratum.benchmarks;

import io.stratum.api.Dialect;
import io.stratum.api.query.WorkerPolling;
import io.stratum.api.query.WorkerPollRequest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark 2: scheduled runs drained by concurrent pollers, each claim moving its runs to PENDING in
 * one transaction (FOR UPDATE SKIP LOCKED on PostgreSQL). Stratum is held to the least hand-written
 * claim ({@link JdbcClaimFloor}: one statement on PostgreSQL); the hand-written path sending Stratum's
 * former statements ({@link JdbcClaims}) is measured beside them. Each round checks that every run was
 * claimed exactly once: no poller saw a run another one had, and every run has exactly one Pending state.
 */
final class ClaimBenchmark {
    static final int CLAIM_SIZE = 100;
    static final String FLOOR = "one statement";
    static final String SAME_STATEMENTS = "former statements";
    /** Runs one poller drains while round trips are counted (its last, empty poll is a 1/50 of them). */
    private static final int ROUND_TRIP_RUNS = 5_000;

    private ClaimBenchmark() {
    }

    static Comparison measure(Dialect dialect, int runs, int pollers, int rounds) throws Exception {
        try (BenchDatabase database = BenchDatabase.create(dialect, pollers + 1)) {
            Seeds seeds = new Seeds(database);
            WorkerPolling polling = database.db().queries().polling();
            WorkerPollRequest request = WorkerPollRequest.builder().limit(CLAIM_SIZE).build();
            Claim stratum = () -> database.db().inTransactionForUpdate(session -> polling.claim(session, request))
                    .stream().map(run -> run.flowRun().getId()).toList();
            JdbcClaimFloor floor = new JdbcClaimFloor(database, seeds, CLAIM_SIZE);
            JdbcClaims sameStatements = new JdbcClaims(database, CLAIM_SIZE);
            Map<String, Claim> paths = new LinkedHashMap<>();
            paths.put("Stratum", stratum);
            paths.put(FLOOR, floor::claim);
            paths.put(SAME_STATEMENTS, () -> sameStatements.claim(true));
            int warmUp = Math.max(CLAIM_SIZE * pollers, runs / 10);
            List<Comparison.Path> measured = new ArrayList<>();
            paths.forEach((name, claim) -> measured.add(new Comparison.Path(name,
                    new Drain(database, seeds, runs, pollers, claim), new Drain(database, seeds, warmUp, pollers, claim))));
            Comparison comparison = Comparison.measure("Worker claims", dialect.id(),
                    String.format("%,d runs, %d poller%s", runs, pollers, pollers == 1 ? "" : "s"), "claims/s", Targets.hotPathFloor(dialect), rounds, measured.get(0),
                    measured.get(1), measured.subList(2, measured.size()));
            if (!Dialects.POSTGRESQL.equals(dialect)) {
                return comparison;
            }
            List<String> roundTrips = new ArrayList<>();
            for (Map.Entry<String, Claim> path : paths.entrySet()) {
                double perRun = RoundTrips.perUnit(new Drain(database, seeds, ROUND_TRIP_RUNS, 1, path.getValue()));
                roundTrips.add(String.format(Locale.ROOT, "%s %.1f", path.getKey(), perRun * CLAIM_SIZE));
            }
            String note = "round trips per claim of " + CLAIM_SIZE + ": " + String.join(", ", roundTrips);
            Console.progress("Worker claims · " + dialect.id() + " · " + note);
            return comparison.withNote(note);
        }
    }

    @FunctionalInterface
    interface Claim {
        List<UUID> claim() throws Exception;
    }

    /** Seeds {@code runs} scheduled runs, then pollers claim until a poll comes back empty. */
    private static final class Drain implements Workload {
        private final BenchDatabase database;
        private final Seeds seeds;
        private final int runs;
        private final int pollers;
        private final Claim claim;
        private final Set<UUID> claimed = ConcurrentHashMap.newKeySet();
        private final AtomicLong duplicates = new AtomicLong();

        Drain(BenchDatabase database, Seeds seeds, int runs, int pollers, Claim claim) {
            this.database = database;
            this.seeds = seeds;
            this.runs = runs;
            this.pollers = pollers;
            this.claim = claim;
        }

        @Override
        public void prepare() {
            claimed.clear();
            duplicates.set(0);
            if (Dialects.POSTGRESQL.equals(database.dialect())) {
                // TRUNCATE leaves the tables' sizes unknown to the planner, as on a new database. A VACUUM of
                // the emptied flow_run_state would record it as known-empty, and each backend would then
                // cache a sequential-scan plan for the deferred foreign-key check of flow_run.state_id at
                // commit until autoanalyze replans it: commits took 0.5 s at 60,000 states.
                database.execute("TRUNCATE flow_run, flow_run_state CASCADE");
                seeds.scheduledRuns(runs, Instant.now().minus(1, ChronoUnit.HOURS));
                database.execute("ANALYZE flow_run");
            } else {
                database.execute("DELETE FROM flow_run");
                seeds.scheduledRuns(runs, Instant.now().minus(1, ChronoUnit.HOURS));
            }
        }

        @Override
        public long run() throws Exception {
            return Parallel.run(pollers, thread -> {
                long count = 0;
                while (true) {
                    List<UUID> ids = claim.claim();
                    if (ids.isEmpty()) {
                        return count;
                    }
                    for (UUID id : ids) {
                        if (!claimed.add(id)) {
                            duplicates.incrementAndGet();
                        }
                    }
                    count += ids.size();
                }
            });
        }

        @Override
        public void verify() throws Exception {
            if (duplicates.get() != 0 || claimed.size() != runs) {
                throw new IllegalStateException("Claims were not exactly once: " + claimed.size() + " of " + runs
                        + " runs claimed, " + duplicates.get() + " claimed twice");
            }
            try (Connection connection = database.dataSource().getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT (SELECT count(*) FROM flow_run WHERE state_type = "
                         + "'PENDING'), (SELECT count(*) FROM flow_run_state), (SELECT count(DISTINCT flow_run_id) "
                         + "FROM flow_run_state)")) {
                row.next();
                if (row.getLong(1) != runs || row.getLong(2) != runs || row.getLong(3) != runs) {
                    throw new IllegalStateException("After the drain: " + row.getLong(1) + " PENDING runs, "
                            + row.getLong(2) + " states over " + row.getLong(3) + " runs; expected " + runs + " each");
                }
            }
        }
    }
}
