package io.stratum.benchmarks;

/** How much work each benchmark does: the sizes, or a quick run that only shows the harness works. */
record Scale(String name, int transitionsPerThread, int transitionRounds, int claimRuns, int claimRounds, int logRows,
             int logRounds, int events, int eventRounds, long[] growthSizes, int growthSamples, int startupRepeats,
             int scheduledRuns, int scheduledRounds, int graphTaskRuns, int graphRounds, int lifecycleRuns, int lifecycleRounds,
             int lifecycleRoundTripRuns, int retentionRuns, int retentionIdleSeconds, int processClaimRuns,
             int processClaimRounds, int stateChangeRuns) {

    static Scale full() {
        return new Scale("full", 4_000, 5, 100_000, 5, 500_000, 3, 20_000, 3,
                new long[] {10_000, 100_000, 1_000_000, 10_000_000}, 100, 5, 100_000, 5, 5_000, 21, 50_000, 3, 2_000,
                100_000, 20, 50_000, 1, 5_000);
    }

    static Scale quick() {
        return new Scale("quick", 100, 1, 2_000, 1, 10_000, 1, 1_000, 1, new long[] {2_000, 5_000}, 10, 1, 2_000, 1, 300, 3,
                2_000, 1, 400, 2_000, 3, 2_000, 1, 500);
    }

    /** The log rows of the partitioned retention benchmark's day (issue 17: 1,000,000). */
    int partitionLogRows() {
        return name.equals("quick") ? 10_000 : 1_000_000;
    }

    /** Runs each lifecycle contestant warms up on, at least (a quick run only proves the harness). */
    int lifecycleMinWarmUp() {
        return name.equals("quick") ? 0 : LifecycleBenchmark.MIN_WARM_UP;
    }

    /** Batches per thread the bulk transitions benchmark warms up on, at least. */
    int bulkMinWarmUpBatches() {
        return name.equals("quick") ? 0 : BulkTransitionBenchmark.MIN_WARM_UP_BATCHES;
    }

    /** The same scale with another retention history size (old runs; ten log rows each). */
    Scale withRetentionRuns(int runs) {
        return new Scale(name, transitionsPerThread, transitionRounds, claimRuns, claimRounds, logRows, logRounds, events,
                eventRounds, growthSizes, growthSamples, startupRepeats, scheduledRuns, scheduledRounds, graphTaskRuns,
                graphRounds, lifecycleRuns, lifecycleRounds, lifecycleRoundTripRuns, runs, retentionIdleSeconds,
                processClaimRuns, processClaimRounds, stateChangeRuns);
    }

    /** The same scale with another size of the state transition benchmarks (per thread, rounds). */
    Scale withTransitions(int perThread, int rounds) {
        return new Scale(name, perThread, rounds, claimRuns, claimRounds, logRows, logRounds, events,
                eventRounds, growthSizes, growthSamples, startupRepeats, scheduledRuns, scheduledRounds, graphTaskRuns,
                graphRounds, lifecycleRuns, lifecycleRounds, lifecycleRoundTripRuns, retentionRuns, retentionIdleSeconds,
                processClaimRuns, processClaimRounds, stateChangeRuns);
    }

    /** The same scale with another scheduler insert size (the method text of the report prints the size used). */
    Scale withScheduler(int runs, int rounds) {
        return new Scale(name, transitionsPerThread, transitionRounds, claimRuns, claimRounds, logRows, logRounds, events,
                eventRounds, growthSizes, growthSamples, startupRepeats, runs, rounds, graphTaskRuns,
                graphRounds, lifecycleRuns, lifecycleRounds, lifecycleRoundTripRuns, retentionRuns, retentionIdleSeconds,
                processClaimRuns, processClaimRounds, stateChangeRuns);
    }

    /** The same scale with another worker claims size (the method text of the report prints the size used). */
    Scale withClaims(int runs, int rounds) {
        return new Scale(name, transitionsPerThread, transitionRounds, runs, rounds, logRows, logRounds, events,
                eventRounds, growthSizes, growthSamples, startupRepeats, scheduledRuns, scheduledRounds, graphTaskRuns,
                graphRounds, lifecycleRuns, lifecycleRounds, lifecycleRoundTripRuns, retentionRuns, retentionIdleSeconds,
                processClaimRuns, processClaimRounds, stateChangeRuns);
    }

    /** The same scale with another run lifecycle size (the method text of the report prints the size used). */
    Scale withLifecycle(int runs, int rounds) {
        return new Scale(name, transitionsPerThread, transitionRounds, claimRuns, claimRounds, logRows, logRounds, events,
                eventRounds, growthSizes, growthSamples, startupRepeats, scheduledRuns, scheduledRounds, graphTaskRuns,
                graphRounds, runs, rounds, lifecycleRoundTripRuns, retentionRuns, retentionIdleSeconds,
                processClaimRuns, processClaimRounds, stateChangeRuns);
    }

    /** The same scale with other table sizes for the growth benchmark. */
    Scale withGrowthSizes(long[] sizes) {
        return new Scale(name, transitionsPerThread, transitionRounds, claimRuns, claimRounds, logRows, logRounds, events,
                eventRounds, sizes, growthSamples, startupRepeats, scheduledRuns, scheduledRounds, graphTaskRuns,
                graphRounds, lifecycleRuns, lifecycleRounds, lifecycleRoundTripRuns, retentionRuns, retentionIdleSeconds,
                processClaimRuns, processClaimRounds, stateChangeRuns);
    }
}
