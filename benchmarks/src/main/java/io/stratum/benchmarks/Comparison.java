package io.stratum.benchmarks;

import java.util.ArrayList;
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
        Console.progress(section + " · " + dialect + " · " + label + ": warming up");
        rate(warmUpStratum);
        rate(warmUpJdbc);
        List<Double> stratumRates = new ArrayList<>();
        List<Double> jdbcRates = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            if (round % 2 == 0) {
                stratumRates.add(rate(stratum));
                jdbcRates.add(rate(jdbc));
            } else {
                jdbcRates.add(rate(jdbc));
                stratumRates.add(rate(stratum));
            }
            Console.progress(String.format("  round %d: Stratum %,.0f, JDBC %,.0f %s", round + 1,
                    stratumRates.get(round), jdbcRates.get(round), unit));
        }
        Comparison result = new Comparison(section, dialect, label, unit, median(stratumRates), median(jdbcRates), target,
                Map.of(), "");
        Console.progress(String.format("%s · %s · %s: Stratum %,.0f, JDBC %,.0f %s → %.2f×", section, dialect, label,
                result.stratum(), result.jdbc(), unit, result.ratio()));
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
