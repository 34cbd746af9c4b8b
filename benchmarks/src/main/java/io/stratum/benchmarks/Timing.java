package io.stratum.benchmarks;

/** An absolute figure with its target: median seconds of several runs. */
record Timing(String section, String dialect, String label, double seconds, double targetSeconds, String note) {
    boolean meetsTarget() {
        return Double.isNaN(targetSeconds) || seconds <= targetSeconds;
    }
}
