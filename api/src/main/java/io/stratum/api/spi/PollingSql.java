package io.stratum.api.spi;

import io.stratum.api.query.WorkerPollRequest;

/**
 * The SQL of worker polling (reference §3 and its two templates). Queries use named parameters
 * ({@code :name}; a list parameter expands to its values) which the shared implementation binds:
 * {@code :limit}, {@code :worker_limit}, {@code :queue_limit} (integers, never null),
 * {@code :work_pool_ids}, {@code :work_queue_ids} (present only when the request filters on them),
 * {@code :scheduled_before}, {@code :scheduled_after} (present only when set), and for the legacy
 * query {@code :limit_per_queue} (integer, never null). Each query returns, in the order the caller
 * receives them, the columns {@code run_id, work_pool_id, work_queue_id, state_timestamp}.
 */
public interface PollingSql {

    /** Runs from work pools; PostgreSQL locks each returned run ({@code FOR UPDATE SKIP LOCKED}). */
    String scheduledRunsFromWorkPools(WorkerPollRequest request);

    /** Legacy queue polling by {@code work_queue_name}; PostgreSQL locks each returned run. */
    String scheduledRunsFromWorkQueues(boolean filterQueueIds, boolean scheduledBefore);
}
