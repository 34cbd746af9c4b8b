package io.stratum.api.spi;

import io.stratum.api.Api;

/**
 * The free-slot counts every dialect's work-pool polling query starts from (reference §3), written
 * once: for each work pool and each work queue that has a concurrency limit, the limit minus its runs
 * in RUNNING or PENDING (a pool counts only its unpaused queues), never below 0. A claim that knows no
 * polled pool or queue has a limit counts nothing ({@link PollingSql#limitedPoolsAndQueues}). A dialect names its
 * two-argument maximum function: {@code greatest} on PostgreSQL, {@code max} on SQLite.
 */
@Api(Api.Status.EXPERIMENTAL)
public final class PollingSlots {
    private PollingSlots() {
    }

    /**
     * {@code active_runs AS (…), pool_slots AS (…), queue_slots AS (…)}: common table expressions to
     * follow {@code WITH}, the last two with the columns {@code id, available_slots}. Pools and queues
     * without a limit have no row. The runs in RUNNING or PENDING are counted once, in one aggregate per
     * queue over the queues that a limit concerns (found by the flow_run index on work_queue_id), not once
     * for the pools and again for the queues.
     */
    public static String workPoolAndQueueSlots(String greatest) {
        return "active_runs AS ("
                + " SELECT fr.work_queue_id, count(*) AS runs FROM flow_run fr"
                + " WHERE fr.state_type IN ('RUNNING', 'PENDING') AND fr.work_queue_id IN ("
                + "  SELECT limited.id FROM work_queue limited JOIN work_pool limited_pool ON limited_pool.id = limited.work_pool_id"
                + "  WHERE limited.concurrency_limit IS NOT NULL OR limited_pool.concurrency_limit IS NOT NULL)"
                + " GROUP BY fr.work_queue_id),"
                + " pool_slots AS ("
                + " SELECT wp.id, " + greatest + "(0, wp.concurrency_limit - CAST(coalesce(sum(active_runs.runs), 0) AS bigint))"
                + " AS available_slots"
                + " FROM work_pool wp"
                + " JOIN work_queue wq ON wq.work_pool_id = wp.id"
                + " LEFT JOIN active_runs ON active_runs.work_queue_id = wq.id"
                + " WHERE wp.is_paused IS FALSE AND wq.is_paused IS FALSE AND wp.concurrency_limit IS NOT NULL"
                + " GROUP BY wp.id, wp.concurrency_limit),"
                + " queue_slots AS ("
                + " SELECT wq.id, " + greatest + "(0, wq.concurrency_limit - coalesce(active_runs.runs, 0)) AS available_slots"
                + " FROM work_queue wq"
                + " LEFT JOIN active_runs ON active_runs.work_queue_id = wq.id"
                + " WHERE wq.is_paused IS FALSE AND wq.concurrency_limit IS NOT NULL)";
    }

    /**
     * {@code queue_slots AS (…)} for legacy queue polling, to follow {@code WITH}: per queue with a
     * limit, the limit minus the runs in RUNNING, PENDING or CANCELLING that carry the queue's name.
     */
    public static String legacyQueueSlots(String greatest) {
        return "queue_slots AS ("
                + " SELECT wq.id, " + greatest + "(0, wq.concurrency_limit - count(fr.id)) AS available_slots"
                + " FROM work_queue wq"
                + " LEFT JOIN flow_run fr ON fr.work_queue_name = wq.name"
                + "  AND fr.state_type IN ('RUNNING', 'PENDING', 'CANCELLING')"
                + " WHERE wq.concurrency_limit IS NOT NULL"
                + " GROUP BY wq.id)";
    }
}
