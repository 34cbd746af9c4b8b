package io.stratum.api;

/**
 * The timed operations of the query components ({@link DatabaseInterface#queries()}), as an {@link
 * OperationListener} sees them. {@link #metricName()} is the value metrics publish (the {@code operation}
 * tag of {@code stratum.query} in {@code stratum-micrometer}); it never changes for an operation.
 */
@Api(Api.Status.EXPERIMENTAL)
public enum Operation {
    /** {@code transitions().setFlowRunState} and {@code setTaskRunState}. */
    TRANSITION("transition"),
    /** {@code transitions().setFlowRunStates} and {@code setTaskRunStates}: one timing per batch. */
    BULK_TRANSITION("bulk_transition"),
    /** Every {@code creates().create…}: inserts keyed by an upsert key. */
    IDEMPOTENT_CREATE("idempotent_create"),
    /** {@code polling().scheduledFlowRuns} and {@code scheduledFlowRunsFromWorkQueues}: reads, nothing claimed. */
    SCHEDULED_FLOW_RUNS("scheduled_flow_runs"),
    /** {@code polling().claim}. */
    CLAIM("claim"),
    /** {@code polling().createWorkPool}. */
    CREATE_WORK_POOL("create_work_pool"),
    /** {@code bulk().insertLogs}. */
    BULK_LOGS("bulk_logs"),
    /** {@code bulk().insertEvents}. */
    BULK_EVENTS("bulk_events"),
    /** {@code concurrencyLimits().acquire}. */
    ACQUIRE_SLOTS("acquire_slots"),
    /** {@code concurrencyLimits().release}. */
    RELEASE_SLOTS("release_slots"),
    /** {@code concurrencyLimits().renew}. */
    RENEW_SLOTS("renew_slots"),
    /** {@code concurrencyLimits().expireLeases}. */
    EXPIRE_LEASES("expire_leases"),
    /** {@code configuration().read} (a cache hit included). */
    CONFIGURATION_READ("configuration_read"),
    /** {@code configuration().write} and {@code delete}. */
    CONFIGURATION_WRITE("configuration_write"),
    /** {@code helpers().timestampIntervals}: the one helper that runs a statement. */
    TIMESTAMP_INTERVALS("timestamp_intervals"),
    /** {@code scheduler().insertScheduledFlowRuns}: the scheduler's bulk insert. */
    SCHEDULED_INSERTS("scheduled_inserts"),
    /** {@code flowRunGraphs().graph}. */
    FLOW_RUN_GRAPH("flow_run_graph"),
    /** {@code creates().deleteArtifact}, which re-points the key's collection. */
    DELETE_ARTIFACT("delete_artifact"),
    /** {@code polling().createWorkQueue}. */
    CREATE_WORK_QUEUE("create_work_queue"),
    /** {@code retention().clean}: a whole clean, all its batches. */
    RETENTION_CLEAN("retention_clean");

    private final String metricName;

    Operation(String metricName) {
        this.metricName = metricName;
    }

    /** The operation's name in metrics: lower case, words joined by {@code _}. */
    public String metricName() {
        return metricName;
    }
}
