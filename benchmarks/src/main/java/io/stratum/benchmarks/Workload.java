package io.stratum.benchmarks;

/** One path of a comparison: {@link #prepare} (not timed) then {@link #run} (timed), returning the units it did. */
interface Workload {
    default void prepare() throws Exception {
    }

    long run() throws Exception;

    /** Checks what the timed run left behind (not timed); throws if it is wrong. */
    default void verify() throws Exception {
    }
}
