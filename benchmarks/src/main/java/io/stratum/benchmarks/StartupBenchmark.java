package io.stratum.benchmarks;

import io.stratum.api.Dialect;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark 5: startup, each figure the median of fresh processes: the EntityManagerFactory bootstrap
 * (first {@code engine()} in a JVM), {@code stratum database check} on an up-to-date database as an
 * operator runs it (the whole process, JVM start included), and a full upgrade from an empty database
 * (the call in a fresh JVM, and the whole {@code stratum database upgrade -y} process).
 */
final class StartupBenchmark {
    private StartupBenchmark() {
    }

    static List<Timing> measure(Dialect dialect, Path cli, int repeats) throws Exception {
        List<Timing> timings = new ArrayList<>();
        String name = dialect.id();
        try (BenchDatabase migrated = BenchDatabase.create(dialect, 1)) {
            String url = migrated.url();
            timings.add(new Timing("Startup", name, "EntityManagerFactory + pool bootstrap, first in a JVM",
                    median(repeats, () -> probe("bootstrap", dialect, url)), Double.NaN, ""));
            timings.add(new Timing("Startup", name, "`stratum database check`, whole process, up-to-date database",
                    median(repeats, () -> cli(cli, dialect, url, "database", "check")), 1.0, ""));
        }
        timings.add(new Timing("Startup", name, "full upgrade from empty: `runMigrationsUpgrade()` in a fresh JVM",
                median(repeats, () -> onEmpty(dialect, url -> probe("upgrade", dialect, url))),
                Dialects.SQLITE.equals(dialect) ? 2.0 : 3.0, ""));
        timings.add(new Timing("Startup", name, "full upgrade from empty: `stratum database upgrade -y`, whole process",
                median(repeats, () -> onEmpty(dialect, url -> cli(cli, dialect, url, "database", "upgrade", "-y"))),
                Dialects.SQLITE.equals(dialect) ? 2.0 : 3.0, ""));
        timings.forEach(t -> Console.progress(String.format("Startup · %s · %s: %.3f s", name, t.label(), t.seconds())));
        return timings;
    }

    @FunctionalInterface
    interface Seconds {
        double measure() throws Exception;
    }

    @FunctionalInterface
    interface OnUrl {
        double measure(String url) throws Exception;
    }

    private static double median(int repeats, Seconds run) throws Exception {
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < repeats; i++) {
            values.add(run.measure());
        }
        return Comparison.median(values);
    }

    /** Runs on a new empty database (a new PostgreSQL database, a new SQLite file), removed afterwards. */
    private static double onEmpty(Dialect dialect, OnUrl run) throws Exception {
        if (Dialects.POSTGRESQL.equals(dialect)) {
            String name = "stratum_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            BenchDatabase.Server.execute("CREATE DATABASE " + name);
            try {
                return run.measure(BenchDatabase.Server.urlOf(name));
            } finally {
                BenchDatabase.Server.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
        Path folder = Files.createTempDirectory("stratum-bench-empty-");
        try {
            return run.measure("jdbc:sqlite:" + folder.resolve("empty.db"));
        } finally {
            try (var files = Files.walk(folder)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static double probe(String mode, Dialect dialect, String url) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", System.getProperty("jdk.module.path"), "--add-modules", "ALL-MODULE-PATH",
                "--module", "io.stratum.benchmarks/io.stratum.benchmarks.StartupProbe", mode, url));
        if (Dialects.POSTGRESQL.equals(dialect)) {
            command.add(BenchDatabase.Server.USER);
        }
        String output = run(command, Map.of());
        for (String line : output.split("\n")) {
            if (line.startsWith("seconds=")) {
                return Double.parseDouble(line.substring("seconds=".length()).trim());
            }
        }
        throw new IllegalStateException("Startup probe printed no time: " + output);
    }

    /** The wall time of the whole command line process, JVM start to exit. */
    private static double cli(Path cli, Dialect dialect, String url, String... arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(cli.resolve("bin/stratum").toString());
        command.addAll(List.of(arguments));
        Map<String, String> environment = Dialects.POSTGRESQL.equals(dialect)
                ? Map.of("STRATUM_DATABASE_URL", url, "STRATUM_DATABASE_USER", BenchDatabase.Server.USER,
                        "STRATUM_DATABASE_PASSWORD", BenchDatabase.Server.PASSWORD)
                : Map.of("STRATUM_DATABASE_URL", url);
        long start = System.nanoTime();
        run(command, environment);
        return (System.nanoTime() - start) / 1e9;
    }

    private static String run(List<String> command, Map<String, String> environment) throws IOException,
            InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("Failed: " + String.join(" ", command) + "\n"
                    + new String(output, StandardCharsets.UTF_8));
        }
        return new String(output, StandardCharsets.UTF_8);
    }
}
