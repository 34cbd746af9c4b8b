package io.stratum.benchmarks;

import io.stratum.api.query.WorkerPolling;
import io.stratum.api.query.WorkerPollRequest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One worker process of {@link ProcessClaimBenchmark}, run in its own JVM: attaches to the benchmark's
 * PostgreSQL database, warms up (claims rolled back, so the runs stay: a worker process is long-lived, its
 * code compiled), prints {@code ready}, waits for
 * {@code go} on stdin, then claims with its threads until a poll comes back empty, writes every run id
 * it claimed (one a line, in claim order) to the ids file and prints {@code claimed=N}. Arguments:
 * {@code stratum|jdbc URL THREADS CLAIM_SIZE IDS_FILE}; the password comes from the environment.
 */
public final class ClaimProcess {
    private ClaimProcess() {
    }

    static final int WARM_UP_CLAIMS = 200;

    @FunctionalInterface
    private interface Claim {
        List<UUID> claim() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        if (args.length != 5 || !List.of("stratum", "jdbc").contains(args[0])) {
            System.err.println("Usage: ClaimProcess stratum|jdbc URL THREADS CLAIM_SIZE IDS_FILE");
            System.exit(2);
        }
        boolean stratum = args[0].equals("stratum");
        int threads = Integer.parseInt(args[2]);
        int claimSize = Integer.parseInt(args[3]);
        Path idsFile = Path.of(args[4]);
        try (BenchDatabase database = BenchDatabase.attach(Dialects.POSTGRESQL, args[1], threads + 1)) {
            WorkerPolling polling = database.db().queries().polling();
            WorkerPollRequest request = WorkerPollRequest.builder().limit(claimSize).build();
            JdbcClaims jdbc = new JdbcClaims(database, claimSize);
            Claim claim = stratum
                    ? () -> database.db().inTransactionForUpdate(session -> polling.claim(session, request)).stream()
                            .map(run -> run.flowRun().getId()).toList()
                    : () -> jdbc.claim(true);
            for (int i = 0; i < WARM_UP_CLAIMS; i++) {
                if (stratum) {
                    rolledBack(database, polling, request);
                } else {
                    jdbc.claim(false);
                }
            }
            System.out.println("ready");
            System.out.flush();
            String command = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (!"go".equals(command)) {
                throw new IllegalStateException("Expected go on stdin, got " + command);
            }
            Queue<UUID> claimed = new ConcurrentLinkedQueue<>();
            Parallel.run(threads, thread -> {
                long count = 0;
                while (true) {
                    List<UUID> ids = claim.claim();
                    if (ids.isEmpty()) {
                        return count;
                    }
                    claimed.addAll(ids);
                    count += ids.size();
                }
            });
            Files.write(idsFile, claimed.stream().map(UUID::toString).toList(), StandardCharsets.UTF_8);
            System.out.println("claimed=" + claimed.size());
            System.out.flush();
        }
    }

    private static void rolledBack(BenchDatabase database, WorkerPolling polling, WorkerPollRequest request) {
        try {
            database.db().inTransactionForUpdate(session -> {
                polling.claim(session, request);
                throw new RollBack();
            });
        } catch (RollBack expected) {
            // the claim's runs stay SCHEDULED
        }
    }

    /** Thrown to roll a warm-up claim back. */
    private static final class RollBack extends RuntimeException {
        RollBack() {
            super("rolled back on purpose", null, false, false);
        }
    }
}
