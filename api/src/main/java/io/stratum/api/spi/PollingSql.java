package io.stratum.api.spi;

import io.stratum.api.Api;
import io.stratum.api.query.WorkerPollRequest;
import java.util.Optional;

/**
 * The SQL of worker polling (reference §3 and its two templates). Queries use named parameters
 * ({@code :name}; a list parameter expands to its values) which the shared implementation binds:
 * {@code :limit}, {@code :worker_limit}, {@code :queue_limit} (integers, never null),
 * {@code :work_pool_ids}, {@code :work_queue_ids} (present only when the request filters on them),
 * {@code :scheduled_before}, {@code :scheduled_after} (present only when set), and for the legacy
 * query {@code :limit_per_queue} (integer, never null). Each query returns, in the order the caller
 * receives them, the columns {@code run_id, work_pool_id, work_queue_id, state_timestamp}. A claim
 * ({@link #claimFromWorkPools}) also binds {@code :now} and {@code :now_after} (timestamps).
 */
@Api(Api.Status.EXPERIMENTAL)
public interface PollingSql {

    /** Runs from work pools; PostgreSQL locks each returned run ({@code FOR UPDATE SKIP LOCKED}). */
    default String scheduledRunsFromWorkPools(WorkerPollRequest request) {
        return scheduledRunsFromWorkPools(request, true);
    }

    /**
     * Runs from work pools, as {@link #scheduledRunsFromWorkPools(WorkerPollRequest)}; with {@code countSlots}
     * false the pools' and queues' concurrency limits are not counted at all, for a caller that knows none
     * of the polled ones has a limit ({@link #limitedPoolsAndQueues}).
     */
    String scheduledRunsFromWorkPools(WorkerPollRequest request, boolean countSlots);

    /**
     * Legacy queue polling by {@code work_queue_name}; PostgreSQL locks each returned run. Its columns are
     * named, so callers can wrap or join it: {@code flow_run_id, work_pool_id, work_queue_id,
     * state_timestamp, next_scheduled_start_time}.
     */
    String scheduledRunsFromWorkQueues(boolean filterQueueIds, boolean scheduledBefore);

    /**
     * One statement returning one row, one column: how many work pools and queues with a concurrency limit
     * a claim of the request could count slots of (those the request filters on, {@code :work_pool_ids}
     * and {@code :work_queue_ids} present only then). Where claimers could otherwise count the same free
     * slots at once (PostgreSQL) it locks them, in id order so claimers never deadlock, pools first: the
     * claim's later statements then see what the previous claimer committed. Where a write transaction
     * already excludes every other (SQLite's database write lock) it only counts.
     */
    String limitedPoolsAndQueues(boolean filterPoolIds, boolean filterQueueIds);

    /**
     * The whole claim as one statement, where the database can write inside a query (PostgreSQL:
     * data-modifying CTEs); empty where it cannot (SQLite), and the caller polls, then writes. The
     * statement polls as {@link #scheduledRunsFromWorkPools(WorkerPollRequest, boolean)} does, inserts a
     * {@code Pending} state (details {@code {}}) for each polled run at {@code :now}, or at
     * {@code :now_after} (1 µs later) when the run's current state has that very timestamp, and points
     * the run at it (reference §4.2 for SCHEDULED → PENDING: state fields, no next scheduled start time,
     * the expected start time kept or set, {@code updated} = {@code :now}). It returns, in poll order,
     * {@code claim_work_pool_id, claim_work_queue_id, claim_limited} and then every {@code flow_run}
     * column of the claimed run as the update left it (the caller builds the run from them, without reading
     * it again). With {@code countSlots} false it first does what {@link #limitedPoolsAndQueues} does and,
     * when that finds any, claims nothing and returns one row of nulls with their number in
     * {@code claim_limited}: the caller then claims with {@code countSlots} true, in the same transaction.
     */
    Optional<String> claimFromWorkPools(WorkerPollRequest request, boolean countSlots);
}
