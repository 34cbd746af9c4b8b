package io.stratum.api.spi;

import io.stratum.api.Api;
import io.stratum.api.query.WorkerPollRequest;
import java.util.List;

/**
 * The SQL of worker polling (reference §3 and its two templates). Queries use named parameters
 * ({@code :name}; a list parameter expands to its values) which the shared implementation binds:
 * {@code :limit}, {@code :worker_limit}, {@code :queue_limit} (integers, never null),
 * {@code :work_pool_ids}, {@code :work_queue_ids} (present only when the request filters on them),
 * {@code :scheduled_before}, {@code :scheduled_after} (present only when set), and for the legacy
 * query {@code :limit_per_queue} (integer, never null). Each query returns, in the order the caller
 * receives them, the columns {@code run_id, work_pool_id, work_queue_id, state_timestamp}.
 */
@Api(Api.Status.EXPERIMENTAL)
public interface PollingSql {

    /** Runs from work pools; PostgreSQL locks each returned run ({@code FOR UPDATE SKIP LOCKED}). */
    String scheduledRunsFromWorkPools(WorkerPollRequest request);

    /**
     * Legacy queue polling by {@code work_queue_name}; PostgreSQL locks each returned run. Its columns are
     * named, so callers can wrap or join it: {@code flow_run_id, work_pool_id, work_queue_id,
     * state_timestamp, next_scheduled_start_time}.
     */
    String scheduledRunsFromWorkQueues(boolean filterQueueIds, boolean scheduledBefore);

    /**
     * Statements a claim runs, in order, before it polls, so that two claimers never count the same free
     * concurrency slots: they lock the work pools and queues that have a concurrency limit (those the
     * request filters on, {@code :work_pool_ids} and {@code :work_queue_ids} present only then), in id
     * order so claimers never deadlock. Empty where a write transaction already excludes every other
     * (SQLite's database write lock).
     */
    List<String> limitedPoolAndQueueLocks(boolean filterPoolIds, boolean filterQueueIds);
}
