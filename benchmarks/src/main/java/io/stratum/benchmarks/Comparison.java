package io.stratum.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Throughput of Stratum's path and of the hand-written JDBC path, measured in alternating rounds in one
 * process (S J, then J S, …, so drift in the machine touches both alike), each the median of its rounds.
 *
 * @param extra further paths measured alongside (PostgreSQL COPY), by name
 */
record Comparison(String section, String dialect, String label, String unit, double stratum, double jdbc,
                  double target, Map<String, Double> extra, String note) {

    double ratio() {
        return stratum / jdbc;
    }

    boolean meetsTarget() {
        return ratio() >= target;
    }

    Comparison withNote(String text) {
        return new Comparison(section, dialect, label, unit, stratum, jdbc, target, extra, text);
    }

    /** Runs one warm-up round of each path, then {@code rounds} measured rounds of each, alternating. */
    static Comparison measure(String section, String dialect, String label, String unit, double target, int rounds,
                              Workload stratum, Workload jdbc) throws Exception {
        return measure(section, dialect, label, unit, target, rounds, stratum, jdbc, stratum, jdbc);
    }

    /** As {@link #measure}, warming up with other (smaller) workloads of the same paths. */
    static Comparison measure(String section, String dialect, String label, String unit, double target, int rounds,
                              Workload stratum, Workload jdbc, Workload warmUpStratum, Workload warmUpJdbc)
            throws Exception {
        return measure(section, dialect, label, unit, target, rounds, new Path("Stratum", stratum, warmUpStratum),
                new Path("JDBC", jdbc, warmUpJdbc), List.of());
    }

    /** One measured path: its timed workload and the (smaller) one that warms it up. */
    record Path(String name, Workload workload, Workload warmUp) {
    }

    /**
     * As {@link #measure}, with further paths measured in the same rounds (the order reversed every other
     * round), reported as {@link #extra} figures by name.
     */
    static Comparison measure(String section, String dialect, String label, String unit, double target, int rounds,
                              Path stratum, Path jdbc, List<Path> extras) throws Exception {
        Console.progress(section + " · " + dialect + " · " + label + ": warming up");
        List<Path> paths = new ArrayList<>();
        paths.add(stratum);
        paths.add(jdbc);
        paths.addAll(extras);
        Map<Path, List<Double>> rates = new LinkedHashMap<>();
        for (Path path : paths) {
            rate(path.warmUp());
            rates.put(path, new ArrayList<>());
        }
        for (int round = 0; round < rounds; round++) {
            List<Path> order = new ArrayList<>(paths);
            if (round % 2 == 1) {
                Collections.reverse(order);
            }
            StringBuilder line = new StringBuilder(String.format("  round %d:", round + 1));
            for (Path path : order) {
                double rate = rate(path.workload());
                rates.get(path).add(rate);
                line.append(String.format(" %s %,.0f;", path.name(), rate));
            }
            Console.progress(line + " " + unit);
        }
        Map<String, Double> extra = new LinkedHashMap<>();
        extras.forEach(path -> extra.put(path.name(), median(rates.get(path))));
        Comparison result = new Comparison(section, dialect, label, unit, median(rates.get(stratum)),
                median(rates.get(jdbc)), target, extra, "");
        Console.progress(String.format("%s · %s · %s: Stratum %,.0f, %s %,.0f %s → %.2f×", section, dialect, label,
                result.stratum(), jdbc.name(), result.jdbc(), unit, result.ratio()));
        return result;
    }

    /** Units per second of one prepared, timed and verified run. */
    static double rate(Workload workload) throws Exception {
        workload.prepare();
        long start = System.nanoTime();
        long units = workload.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        workload.verify();
        return units / seconds;
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
