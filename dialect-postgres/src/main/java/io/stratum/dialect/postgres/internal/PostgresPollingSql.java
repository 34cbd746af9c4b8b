package io.stratum.dialect.postgres.internal;

import io.stratum.api.query.WorkerPollRequest;
import io.stratum.api.spi.PollingSlots;
import io.stratum.api.spi.PollingSql;
import java.util.List;

/**
 * Worker polling as the reference's PostgreSQL template does it: a LATERAL subquery per pool over its
 * queues, and per queue over its scheduled runs, each with its own LIMIT, the runs locked
 * {@code FOR UPDATE SKIP LOCKED} so concurrent pollers take disjoint runs. Ties in scheduled time are
 * broken by run id so the order is total (and equal to SQLite's).
 */
public final class PostgresPollingSql implements PollingSql {

    @Override
    public String scheduledRunsFromWorkPools(WorkerPollRequest request) {
        String priority = request.respectQueuePriorities() ? "wq.priority, " : "";
        String outerPriority = request.respectQueuePriorities() ? "runs.work_queue_priority, " : "";
        return "WITH " + PollingSlots.workPoolAndQueueSlots("greatest")
                + " SELECT runs.id, wp.id, runs.work_queue_id, runs.state_timestamp"
                + " FROM work_pool wp"
                + " LEFT JOIN pool_slots ON pool_slots.id = wp.id"
                + " CROSS JOIN LATERAL ("
                + "  SELECT queue_runs.*, wq.id AS work_queue_id, wq.priority AS work_queue_priority"
                + "  FROM work_queue wq"
                + "  LEFT JOIN queue_slots ON queue_slots.id = wq.id"
                + "  CROSS JOIN LATERAL ("
                + "   SELECT fr.id, fr.state_timestamp, fr.next_scheduled_start_time"
                + "   FROM flow_run fr"
                + "   WHERE fr.work_queue_id = wq.id AND fr.state_type = 'SCHEDULED'"
                + "   AND (fr.empirical_policy ->> 'retry_type' IS NULL"
                + "    OR fr.empirical_policy ->> 'retry_type' <> 'in_process')"
                + (request.scheduledAfter() != null ? "   AND fr.next_scheduled_start_time >= :scheduled_after" : "")
                + (request.scheduledBefore() != null ? "   AND fr.next_scheduled_start_time <= :scheduled_before" : "")
                + "   ORDER BY fr.next_scheduled_start_time, fr.id"
                + "   LIMIT least(:queue_limit, queue_slots.available_slots)"
                + "   FOR UPDATE OF fr SKIP LOCKED"
                + "  ) queue_runs"
                + "  WHERE wq.work_pool_id = wp.id AND wq.is_paused IS FALSE"
                + (request.workQueueIds().isEmpty() ? "" : "  AND wq.id IN (:work_queue_ids)")
                + "  ORDER BY " + priority + "queue_runs.next_scheduled_start_time, queue_runs.id"
                + "  LIMIT least(:worker_limit, pool_slots.available_slots)"
                + " ) runs"
                + " WHERE wp.is_paused IS FALSE"
                + (request.workPoolIds().isEmpty() ? "" : " AND wp.id IN (:work_pool_ids)")
                + " ORDER BY " + outerPriority + "runs.next_scheduled_start_time, runs.id"
                + " LIMIT :limit";
    }

    @Override
    public String scheduledRunsFromWorkQueues(boolean filterQueueIds, boolean scheduledBefore) {
        return "WITH " + PollingSlots.legacyQueueSlots("greatest")
                + " SELECT runs.id AS flow_run_id, wq.work_pool_id AS work_pool_id, wq.id AS work_queue_id,"
                + " runs.state_timestamp AS state_timestamp, runs.next_scheduled_start_time AS next_scheduled_start_time"
                + " FROM work_queue wq"
                + " LEFT JOIN queue_slots ON queue_slots.id = wq.id"
                + " CROSS JOIN LATERAL ("
                + "  SELECT fr.id, fr.state_timestamp, fr.next_scheduled_start_time"
                + "  FROM flow_run fr"
                + "  WHERE fr.work_queue_name = wq.name AND fr.state_type = 'SCHEDULED'"
                + (scheduledBefore ? "  AND fr.next_scheduled_start_time <= :scheduled_before" : "")
                + "  ORDER BY fr.next_scheduled_start_time, fr.id"
                + "  LIMIT least(:limit_per_queue, queue_slots.available_slots)"
                + "  FOR UPDATE OF fr SKIP LOCKED"
                + " ) runs"
                + " WHERE wq.is_paused IS FALSE"
                + (filterQueueIds ? " AND wq.id IN (:work_queue_ids)" : "")
                + " ORDER BY runs.next_scheduled_start_time, runs.id, wq.id";
    }

    @Override
    public List<String> limitedPoolAndQueueLocks(boolean filterPoolIds, boolean filterQueueIds) {
        return List.of("SELECT wp.id FROM work_pool wp WHERE wp.concurrency_limit IS NOT NULL"
                        + (filterPoolIds ? " AND wp.id IN (:work_pool_ids)" : "") + " ORDER BY wp.id FOR UPDATE",
                "SELECT wq.id FROM work_queue wq WHERE wq.concurrency_limit IS NOT NULL"
                        + (filterPoolIds ? " AND wq.work_pool_id IN (:work_pool_ids)" : "")
                        + (filterQueueIds ? " AND wq.id IN (:work_queue_ids)" : "") + " ORDER BY wq.id FOR UPDATE");
    }
}
