package io.stratum.api.query;

import io.stratum.api.Api;
import io.stratum.api.model.WorkPool;
import io.stratum.api.model.WorkQueue;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Hands scheduled flow runs to workers (reference §3). See {@link QueryComponents#polling()}.
 *
 * <p>Every operation runs in the caller's session: inside its transaction (pending changes flushed
 * first), or, for the polls, without one on a connection of its own. The returned flow runs are
 * entities of the caller's session, refreshed from the database.
 *
 * <p><b>Claiming.</b> On PostgreSQL the polls lock the runs they return ({@code FOR UPDATE SKIP LOCKED})
 * until the caller's transaction ends, so concurrent pollers never receive the same run: run them in
 * a transaction ({@code inTransaction} or {@code inTransactionForUpdate}) and move the runs on (to
 * PENDING) before it commits, or use {@link #claim}, which does both. On SQLite there are no row locks:
 * a transaction that runs these queries holds the database write lock ({@code BEGIN IMMEDIATE}), so
 * pollers are serialised and get the same answers.
 */
@Api(Api.Status.EXPERIMENTAL)
public interface WorkerPolling {

    /**
     * Scheduled runs of unpaused queues of unpaused work pools (reference
     * {@code get_scheduled_flow_runs_from_work_pool}), in the reference's order: by queue priority first
     * when asked, then by scheduled time (then run id). Limits: per queue the smaller of
     * {@code queueLimit} and the queue's free slots, per pool the smaller of {@code workerLimit} and the
     * pool's free slots, {@code limit} in all. Free slots = concurrency limit minus the runs in RUNNING or
     * PENDING (in the pool's unpaused queues, for a pool), never below 0; no limit = unlimited. Runs whose
     * {@code empirical_policy.retry_type} is {@code in_process} are left out.
     */
    List<ScheduledFlowRun> scheduledFlowRuns(EntityManager session, WorkerPollRequest request);

    /**
     * Polls like {@link #scheduledFlowRuns} and moves every returned run to PENDING in the caller's
     * transaction: inserts a {@code Pending} state row per run and points the run at it (state type,
     * name and timestamp; {@code next_scheduled_start_time} cleared; {@code expected_start_time} kept,
     * set if missing). The returned flow runs show the PENDING state. A later poll does not return them.
     * Concurrency limits hold across concurrent claimers: on PostgreSQL the pools and queues that have a
     * limit are locked for the transaction before counting, so claimers of a limited pool or queue take
     * turns; unlimited ones run in parallel.
     *
     * @throws io.stratum.api.StratumException if the session has no active transaction
     */
    List<ScheduledFlowRun> claim(EntityManager session, WorkerPollRequest request);

    /**
     * Legacy (pre-pool) queue polling (reference {@code get_scheduled_flow_runs_from_work_queues}): runs
     * whose {@code work_queue_name} is the queue's name, in SCHEDULED, of unpaused queues, ordered by
     * scheduled time. Per queue at most the smaller of {@code limitPerQueue} ({@code null} =
     * {@link WorkerPollRequest#MAX_LIMIT}, the largest accepted; the reference has no limit) and
     * the queue's free slots (concurrency limit minus runs in RUNNING, PENDING or CANCELLING of that
     * name). As in the reference, queues sharing a name in different pools each receive the run.
     *
     * @param workQueueIds    only these queues; {@code null} or empty = every queue; at most
     *                        {@link WorkerPollRequest#MAX_IDS}
     * @param scheduledBefore only runs scheduled at or before this time; {@code null} = no bound
     */
    List<ScheduledFlowRun> scheduledFlowRunsFromWorkQueues(EntityManager session, Integer limitPerQueue,
                                                           Collection<UUID> workQueueIds,
                                                           Instant scheduledBefore);

    /**
     * The legacy queue poll of {@link #scheduledFlowRunsFromWorkQueues} (same arguments, same checks) as a
     * statement to compose: wrap it in a CTE ({@code WITH polled AS (…)}) or join it as a subquery, and
     * bind its values ({@link SqlFragment#bindTo}). Its columns: {@code flow_run_id, work_pool_id,
     * work_queue_id, state_timestamp, next_scheduled_start_time}, one row per run and queue, ordered by
     * scheduled time, run id and queue id (a wrapping query orders again: SQL keeps no subquery's order).
     * On PostgreSQL it locks the runs it returns ({@code FOR UPDATE SKIP LOCKED}), as the poll does.
     */
    SqlFragment scheduledFlowRunsFromWorkQueuesQuery(Integer limitPerQueue, Collection<UUID> workQueueIds,
                                                     Instant scheduledBefore);

    /**
     * Creates a work pool and its {@code default} queue (priority 1, pointed at by
     * {@code default_queue_id}) in one flush, as the reference's model does.
     *
     * @throws io.stratum.api.StratumException if a pool of that name exists (nothing is written)
     */
    WorkPool createWorkPool(EntityManager session, NewWorkPool pool);

    /**
     * Creates a work queue in a pool, as the reference's work-queue create does: without a priority it
     * gets the pool's next one (the largest of the pool's queues + 1, or 1); with one, the pool's queues
     * at that priority and after move back so priorities stay increasing in the same order (the
     * reference's {@code bulk_update_work_queue_priorities}). Concurrent creates in one pool take turns
     * (the pool row is locked for the transaction).
     *
     * @throws io.stratum.api.StratumException if no pool has the id or the pool has a queue of that name
     *         (nothing is written), or the session has no active transaction
     */
    WorkQueue createWorkQueue(EntityManager session, NewWorkQueue queue);

    /** {@code createWorkPool(session, NewWorkPool.of(name, type))}. */
    default WorkPool createWorkPool(EntityManager session, String name, String type) {
        return createWorkPool(session, NewWorkPool.of(name, type));
    }
}
