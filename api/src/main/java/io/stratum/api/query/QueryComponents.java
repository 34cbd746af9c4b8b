package io.stratum.api.query;

import io.stratum.api.Api;

/**
 * The orchestration operations an engine needs beyond plain reads and writes, with the dialect-specific
 * SQL each database needs (reference §3 and the state bookkeeping of §4.2). Obtained from
 * {@link io.stratum.api.DatabaseInterface#queries()}; thread-safe; every operation runs in the
 * session (and transaction) the caller passes, so it composes with the caller's own work.
 */
@Api(Api.Status.EXPERIMENTAL)
public interface QueryComponents {

    /** State transitions of flow runs and task runs, with the denormalised run fields. */
    StateTransitions transitions();

    /** Creates keyed by the reference's upsert keys ({@code INSERT … ON CONFLICT}). */
    IdempotentCreates creates();

    /** Worker and work-queue polling for scheduled flow runs. */
    WorkerPolling polling();

    /** The scheduler's bulk insert of scheduled flow runs with their states. */
    ScheduledRunInserts scheduler();

    /** Logs and events in bulk. */
    BulkWrites bulk();

    /** Concurrency limits (v2): slots acquired and released atomically, with leases. */
    ConcurrencyLimits concurrencyLimits();

    /** Configuration values through a small time-bounded cache. */
    ConfigurationValues configuration();

    /**
     * Query building blocks: run-history intervals, JSON predicates, and the reference's portable helpers
     * as native SQL fragments and Criteria expressions.
     */
    QueryHelpers helpers();

    /** The graph of a flow run's task runs and subflow runs (reference {@code flow_run_graph_v2}). */
    FlowRunGraphs flowRunGraphs();

    /**
     * Deletes old history in short batches (the reference's database vacuum). Unlike the other
     * components it runs its own transactions, one per batch: call it outside a transaction.
     */
    Retention retention();
}
