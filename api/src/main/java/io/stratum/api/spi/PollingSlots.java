package io.stratum.api.spi;

import io.stratum.api.Api;

/**
 * The free-slot counts every dialect's work-pool polling query starts from (reference §3), written
 * once: for each work pool and each work queue that has a concurrency limit, the limit minus its runs
 * in RUNNING or PENDING (a pool counts only its unpaused queues), never below 0. A dialect names its
 * two-argument maximum function: {@code greatest} on PostgreSQL, {@code max} on SQLite.
 */
@Api(Api.Status.EXPERIMENTAL)
public final class PollingSlots {
    private PollingSlots() {
    }

    /**
     * {@code pool_slots AS (…), queue_slots AS (…)}: two common table expressions with the columns
     * {@code id, available_slots}, to follow {@code WITH}. Pools and queues without a limit have no row.
     */
    public static String workPoolAndQueueSlots(String greatest) {
        return "pool_slots AS ("
                + " SELECT wp.id, " + greatest + "(0, wp.concurrency_limit - count(fr.id)) AS available_slots"
                + " FROM work_pool wp"
                + " JOIN work_queue wq ON wq.work_pool_id = wp.id"
                + " LEFT JOIN flow_run fr ON fr.work_queue_id = wq.id AND fr.state_type IN ('RUNNING', 'PENDING')"
                + " WHERE wp.is_paused IS FALSE AND wq.is_paused IS FALSE AND wp.concurrency_limit IS NOT NULL"
                + " GROUP BY wp.id),"
                + " queue_slots AS ("
                + " SELECT wq.id, " + greatest + "(0, wq.concurrency_limit - count(fr.id)) AS available_slots"
                + " FROM work_queue wq"
                + " LEFT JOIN flow_run fr ON fr.work_queue_id = wq.id AND fr.state_type IN ('RUNNING', 'PENDING')"
                + " WHERE wq.is_paused IS FALSE AND wq.concurrency_limit IS NOT NULL"
                + " GROUP BY wq.id)";
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
