package io.stratum.benchmarks;

import io.stratum.api.Dialect;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Runs every benchmark on both databases and writes the report. Options:
 * {@code --quick} (tiny sizes: proves the harness, measures nothing), {@code --only a,b} (transitions,
 * bulk, claims, logs, events, scheduler, graph, startup, growth, lifecycle, partitions,
 * retention, processes, writes), {@code --dialects postgresql,sqlite},
 * {@code --out FILE} (default docs/benchmarks.md, chart next to it), {@code --cli DIR} (default cli/target/stratum),
 * {@code --lifecycle-runs N} and {@code --lifecycle-rounds N} (the run lifecycle's size, after {@code --quick}),
 * {@code --transitions N} and {@code --transition-rounds N} (transitions per thread and rounds of the state
 * transition benchmarks, after {@code --quick}),
 * {@code --scheduler-runs N} and {@code --scheduler-rounds N} (the scheduler inserts' size, after {@code --quick}),
 * {@code --claim-runs N} and {@code --claim-rounds N} (worker claims' size, after {@code --quick}),
 * {@code --retention-runs N} (the old runs retention cleans, ten log rows each; after {@code --quick}),
 * {@code --growth-sizes N,N,…} (the flow_run sizes the growth benchmark samples, smallest first; after {@code --quick}).
 */
public final class BenchmarkSuite {
    private static final List<String> ALL = List.of("startup", "transitions", "bulk", "claims", "logs", "events", "scheduler",
            "graph", "growth", "lifecycle", "partitions", "retention", "processes", "writes");

    private BenchmarkSuite() {
    }

    public static void main(String[] args) throws Exception {
        // Flyway and EclipseLink report every migration and login at INFO; the progress lines are enough.
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        Scale scale = Scale.full();
        Set<String> only = new LinkedHashSet<>(ALL);
        List<Dialect> dialects = List.of(Dialects.POSTGRESQL, Dialects.SQLITE);
        Path out = Path.of("docs/benchmarks.md");
        Path cli = Path.of("cli/target/stratum");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> scale = Scale.quick();
                case "--only" -> only = new LinkedHashSet<>(Arrays.asList(value(args, ++i, "--only").split(",")));
                case "--dialects" -> dialects = Arrays.stream(value(args, ++i, "--dialects").split(","))
                        .map(BenchmarkSuite::dialect).toList();
                case "--out" -> out = Path.of(value(args, ++i, "--out"));
                case "--cli" -> cli = Path.of(value(args, ++i, "--cli"));
                case "--scheduler-runs" -> scale = scale.withScheduler(positive(args, ++i, "--scheduler-runs"),
                        scale.scheduledRounds());
                case "--scheduler-rounds" -> scale = scale.withScheduler(scale.scheduledRuns(),
                        positive(args, ++i, "--scheduler-rounds"));
                case "--lifecycle-runs" -> scale = scale.withLifecycle(positive(args, ++i, "--lifecycle-runs"),
                        scale.lifecycleRounds());
                case "--transitions" -> scale = scale.withTransitions(positive(args, ++i, "--transitions"),
                        scale.transitionRounds());
                case "--transition-rounds" -> scale = scale.withTransitions(scale.transitionsPerThread(),
                        positive(args, ++i, "--transition-rounds"));
                case "--claim-runs" -> scale = scale.withClaims(positive(args, ++i, "--claim-runs"), scale.claimRounds());
                case "--claim-rounds" -> scale = scale.withClaims(scale.claimRuns(), positive(args, ++i, "--claim-rounds"));
                case "--lifecycle-rounds" -> scale = scale.withLifecycle(scale.lifecycleRuns(),
                        positive(args, ++i, "--lifecycle-rounds"));
                case "--retention-runs" -> scale = scale.withRetentionRuns(positive(args, ++i, "--retention-runs"));
                case "--growth-sizes" -> scale = scale.withGrowthSizes(Arrays.stream(value(args, ++i, "--growth-sizes")
                        .split(",")).mapToLong(size -> positive(new String[] {size.trim()}, 0, "--growth-sizes")).toArray());
                default -> usage("Unknown option " + args[i] + ".");
            }
        }
        if (Files.isDirectory(out)) {
            usage("--out names the report file (its chart goes beside it, .png); " + out + " is a folder.");
        }
        if (!ALL.containsAll(only)) {
            usage("--only takes some of " + String.join(",", ALL) + "; got " + String.join(",", only) + ".");
        }
        if (only.contains("startup") && !Files.isExecutable(cli.resolve("bin/stratum"))) {
            usage("No command line distribution at " + cli + " (bin/stratum): build it (mvn -B install -DskipTests) "
                    + "or pass --cli DIR.");
        }
        BenchDatabase.Server.requireLoopback();
        System.exit(new BenchmarkSuite.Run(command(args), scale, only, dialects, out, cli).run());
    }

    private static Dialect dialect(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "postgresql", "postgres" -> Dialects.POSTGRESQL;
            case "sqlite" -> Dialects.SQLITE;
            default -> throw new IllegalArgumentException("Unknown dialect " + name + ": use postgresql or sqlite.");
        };
    }

    /**
     * The command line as the report names it: what was measured and at which sizes, so a reader can run
     * the same (where the report and the CLI go do not change the figures, so they are left out).
     */
    static String command(String[] args) {
        StringBuilder command = new StringBuilder("benchmarks/run");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--out") || args[i].equals("--cli")) {
                i++;
            } else {
                command.append(' ').append(args[i]);
            }
        }
        return command.toString();
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            usage(option + " needs a value.");
        }
        return args[index];
    }

    private static int positive(String[] args, int index, String option) {
        String text = value(args, index, option);
        try {
            int number = Integer.parseInt(text.replace("_", "").replace(",", ""));
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        usage(option + " takes a positive whole number; got " + text + ".");
        return 0;
    }

    private static void usage(String problem) {
        System.err.println(problem + "\nUsage: benchmarks/run [--quick] [--only " + String.join(",", ALL)
                + "] [--dialects postgresql,sqlite] [--out docs/benchmarks.md] [--cli cli/target/stratum] "
                + "[--lifecycle-runs N] [--lifecycle-rounds N] [--transitions N] [--transition-rounds N] [--scheduler-runs N] [--scheduler-rounds N] [--claim-runs N] [--claim-rounds N] [--retention-runs N] [--growth-sizes N,N,...]");
        System.exit(2);
    }

    /** One run of the selected benchmarks. */
    private record Run(String command, Scale scale, Set<String> only, List<Dialect> dialects, Path out, Path cli) {
        int run() throws Exception {
            long start = System.nanoTime();
            String loadBefore = Machine.loadAverage();
            List<Comparison> comparisons = new ArrayList<>();
            List<Timing> timings = new ArrayList<>();
            List<GrowthBenchmark.Point> growth = new ArrayList<>();
            List<LifecycleBenchmark.Result> lifecycle = new ArrayList<>();
            List<RetentionBenchmark.Result> retention = new ArrayList<>();
            List<PartitionBenchmark.Row> partitions = new ArrayList<>();
            List<StateChangeWrites.Step> writes = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            for (String benchmark : only) {
                for (Dialect dialect : dialects) {
                    try {
                        switch (benchmark) {
                            case "startup" -> timings.addAll(StartupBenchmark.measure(dialect, cli, scale.startupRepeats()));
                            case "transitions" -> {
                                for (int threads : Dialects.POSTGRESQL.equals(dialect) ? new int[] {1, 4, 8} : new int[] {1, 4}) {
                                    comparisons.addAll(TransitionBenchmark.measure(dialect, threads,
                                            scale.transitionsPerThread(), scale.transitionRounds()));
                                }
                            }
                            case "bulk" -> {
                                for (int threads : new int[] {1, 4}) {
                                    comparisons.add(BulkTransitionBenchmark.measure(dialect, threads,
                                            Math.max(4, scale.transitionsPerThread() / 20), scale.transitionRounds(),
                                            scale.bulkMinWarmUpBatches()));
                                }
                            }
                            case "claims" -> {
                                // Issue 18 holds SQLite's claims to their floor with 1 writer as well as with 4.
                                for (int pollers : Dialects.SQLITE.equals(dialect) ? new int[] {1, 4} : new int[] {4}) {
                                    comparisons.add(ClaimBenchmark.measure(dialect, scale.claimRuns(), pollers,
                                            scale.claimRounds()));
                                }
                            }
                            case "logs" -> comparisons.add(LogBenchmark.measure(dialect, scale.logRows(), scale.logRounds()));
                            case "events" -> comparisons.add(EventBenchmark.measure(dialect, scale.events(),
                                    scale.eventRounds()));
                            case "scheduler" -> comparisons.addAll(SchedulerBenchmark.measure(dialect,
                                    scale.scheduledRuns(), scale.scheduledRounds()));
                            case "graph" -> {
                                GraphBenchmark.Result graph = GraphBenchmark.measure(dialect, scale.graphTaskRuns(),
                                        scale.graphRounds());
                                comparisons.add(graph.comparison());
                                timings.add(graph.timing());
                            }
                            case "growth" -> growth.addAll(GrowthBenchmark.measure(dialect,
                                    GrowthBenchmark.sizes(dialect, scale.growthSizes()), scale.growthSamples()));
                            case "lifecycle" -> {
                                for (LifecycleBenchmark.Result result : LifecycleBenchmark.measure(dialect,
                                        scale.lifecycleRuns(), scale.lifecycleRounds(), scale.lifecycleRoundTripRuns(),
                                        scale.lifecycleMinWarmUp())) {
                                    lifecycle.add(result);
                                    comparisons.addAll(result.comparisons());
                                }
                            }
                            case "partitions" -> partitions.addAll(PartitionBenchmark.measure(dialect,
                                    scale.partitionLogRows()));
                            case "retention" -> retention.add(RetentionBenchmark.measure(dialect, scale.retentionRuns(),
                                    scale.retentionIdleSeconds()));
                            case "processes" -> {
                                // SQLite is embedded: one process owns the file and its one writer.
                                if (Dialects.POSTGRESQL.equals(dialect)) {
                                    comparisons.addAll(ProcessClaimBenchmark.measure(dialect, scale.processClaimRuns(),
                                            scale.processClaimRounds()));
                                }
                            }
                            case "writes" -> writes.addAll(StateChangeWrites.measure(dialect, scale.stateChangeRuns()));
                            default -> throw new IllegalStateException(benchmark);
                        }
                    } catch (Exception | AssertionError e) {
                        StringWriter trace = new StringWriter();
                        e.printStackTrace(new PrintWriter(trace));
                        Console.progress("FAILED " + benchmark + " on " + dialect.id() + ":\n" + trace);
                        failures.add(benchmark + " on " + dialect.id() + ": " + e);
                    }
                }
            }
            Path folder = out.toAbsolutePath().getParent();
            Files.createDirectories(folder);
            String chartName = out.getFileName().toString().replaceFirst("\\.md$", "") + ".png";
            Chart.write(folder.resolve(chartName), comparisons, growth, lifecycle);
            long elapsed = (System.nanoTime() - start) / 1_000_000_000L;
            Files.writeString(out, Report.markdown(new Report.Inputs(command, scale, loadBefore, Machine.loadAverage(),
                    Machine.postgres(), Machine.sqlite(), comparisons, timings, growth, lifecycle, retention, partitions, writes, failures,
                    chartName, elapsed)));
            Console.progress("Wrote " + out + " and " + folder.resolve(chartName));
            return failures.isEmpty() ? 0 : 1;
        }
    }
}
