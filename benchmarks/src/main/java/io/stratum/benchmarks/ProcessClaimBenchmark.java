package io.stratum.benchmarks;

import io.stratum.api.Dialect;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark 10: worker claims from separate JVM processes on one PostgreSQL database (issue 18, scale).
 * Each process ({@link ClaimProcess}, this module's own main on the same module path) claims with its
 * own threads and pool until the scheduled runs are gone; Stratum's claim and the hand-written JDBC claim
 * each run in processes of their own. Process start-up (JVM, pool, EntityManagerFactory) is not timed:
 * the clock starts when every process is ready and is told to go, and stops when the last one is done.
 * Checked across processes: every run claimed by exactly one process once, one Pending state each.
 */
final class ProcessClaimBenchmark {
    static final int THREADS = 4;
    static final int CLAIM_SIZE = 100;

    private ProcessClaimBenchmark() {
    }

    static List<Comparison> measure(Dialect dialect, int runs, int rounds) throws Exception {
        List<Comparison> comparisons = new ArrayList<>();
        try (BenchDatabase database = BenchDatabase.create(dialect, 2)) {
            Seeds seeds = new Seeds(database);
            for (int processes : new int[] {1, 2, 4}) {
                comparisons.add(Comparison.measure("Claims from separate processes", dialect.id(),
                        String.format("%,d runs, %d process%s × %d threads", runs, processes, processes == 1 ? "" : "es",
                                THREADS), "claims/s", 0.8, rounds,
                        new Drain(database, seeds, "stratum", processes, runs),
                        new Drain(database, seeds, "jdbc", processes, runs),
                        new Drain(database, seeds, "stratum", processes, Math.max(CLAIM_SIZE * THREADS * processes, runs / 10)),
                        new Drain(database, seeds, "jdbc", processes, Math.max(CLAIM_SIZE * THREADS * processes, runs / 10))));
            }
        }
        return comparisons;
    }

    /** {@code runs} scheduled runs drained by {@code processes} child processes of one kind. */
    private static final class Drain implements Workload {
        private final BenchDatabase database;
        private final Seeds seeds;
        private final String mode;
        private final int processes;
        private final int runs;
        private final List<Child> children = new ArrayList<>();
        private Path folder;

        Drain(BenchDatabase database, Seeds seeds, String mode, int processes, int runs) {
            this.database = database;
            this.seeds = seeds;
            this.mode = mode;
            this.processes = processes;
            this.runs = runs;
        }

        @Override
        public void prepare() throws Exception {
            // As in benchmark 2: TRUNCATE leaves the tables' sizes unknown to the planner, as on a new database.
            database.execute("TRUNCATE flow_run, flow_run_state CASCADE");
            seeds.scheduledRuns(runs, Instant.now().minus(1, ChronoUnit.HOURS));
            database.execute("ANALYZE flow_run");
            folder = Files.createTempDirectory("stratum-bench-processes-");
            children.clear();
            try {
                // One at a time: four JVMs starting at once on a loaded machine timed out connecting.
                for (int i = 0; i < processes; i++) {
                    Child child = Child.start(mode, database.url(), folder.resolve("claimed-" + i + ".txt"));
                    children.add(child);
                    child.awaitLine("ready");
                }
            } catch (Exception | Error e) {
                children.forEach(Child::kill);
                throw e;
            }
        }

        @Override
        public long run() throws Exception {
            try {
                for (Child child : children) {
                    child.send("go");
                }
                long claimed = 0;
                for (Child child : children) {
                    claimed += Long.parseLong(child.awaitLine("claimed=").substring("claimed=".length()));
                }
                return claimed;
            } catch (Exception | Error e) {
                children.forEach(Child::kill);
                throw e;
            }
        }

        @Override
        public void verify() throws Exception {
            Set<String> seen = new HashSet<>();
            long twice = 0;
            for (Child child : children) {
                child.awaitExit();
                for (String id : Files.readAllLines(child.idsFile(), StandardCharsets.UTF_8)) {
                    twice += seen.add(id) ? 0 : 1;
                }
            }
            try (var files = Files.list(folder)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(folder);
            if (twice != 0 || seen.size() != runs) {
                throw new IllegalStateException("Claims across " + processes + " processes were not exactly once: "
                        + seen.size() + " of " + runs + " runs claimed, " + twice + " claimed twice");
            }
            try (Connection connection = database.dataSource().getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT (SELECT count(*) FROM flow_run WHERE state_type = "
                         + "'PENDING'), (SELECT count(*) FROM flow_run_state), (SELECT count(DISTINCT flow_run_id) "
                         + "FROM flow_run_state)")) {
                row.next();
                if (row.getLong(1) != runs || row.getLong(2) != runs || row.getLong(3) != runs) {
                    throw new IllegalStateException("After the drain by " + processes + " processes: " + row.getLong(1)
                            + " PENDING runs, " + row.getLong(2) + " states over " + row.getLong(3) + " runs; expected "
                            + runs + " each");
                }
            }
        }
    }

    /** A {@link ClaimProcess} child: its output read line by line on a thread of its own, so it never blocks. */
    private record Child(Process process, Path idsFile, BufferedReader output, Writer input, List<String> seen) {
        static Child start(String mode, String url, Path idsFile) throws IOException {
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                    "--module-path", System.getProperty("jdk.module.path"), "--add-modules", "ALL-MODULE-PATH",
                    "--module", "io.stratum.benchmarks/io.stratum.benchmarks.ClaimProcess", mode, url,
                    String.valueOf(THREADS), String.valueOf(CLAIM_SIZE), idsFile.toString());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            return new Child(process, idsFile, new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8)), new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8),
                    new ArrayList<>());
        }

        /** Reads output until a line starting with {@code prefix}; fails with everything it printed if it exits first. */
        String awaitLine(String prefix) throws Exception {
            CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String next = output.readLine(); next != null; next = output.readLine()) {
                        seen.add(next);
                        if (next.startsWith(prefix)) {
                            return next;
                        }
                    }
                    return null;
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            String found = line.get(10, TimeUnit.MINUTES);
            if (found == null) {
                throw new IllegalStateException("Claim process ended without '" + prefix + "':\n" + String.join("\n", seen));
            }
            return found;
        }

        void send(String line) throws IOException {
            input.write(line + "\n");
            input.flush();
        }

        void awaitExit() throws Exception {
            if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
                kill();
                throw new IllegalStateException("Claim process failed:\n" + String.join("\n", seen));
            }
        }

        void kill() {
            process.destroyForcibly();
        }
    }
}
