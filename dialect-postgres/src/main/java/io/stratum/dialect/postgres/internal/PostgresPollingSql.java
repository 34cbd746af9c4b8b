package io.stratum.dialect.postgres.internal;

import io.stratum.api.query.WorkerPollRequest;
import io.stratum.api.spi.PollingSlots;
import io.stratum.api.spi.PollingSql;
import java.util.Optional;

/**
 * Worker polling as the reference's PostgreSQL template does it: a LATERAL subquery per pool over its
 * queues, and per queue over its scheduled runs, each with its own LIMIT, the runs locked
 * {@code FOR UPDATE SKIP LOCKED} so concurrent pollers take disjoint runs. Ties in scheduled time are
 * broken by run id so the order is total (and equal to SQLite's).
 */
public final class PostgresPollingSql implements PollingSql {

    @Override
    public String scheduledRunsFromWorkPools(WorkerPollRequest request, boolean countSlots) {
        return (countSlots ? "WITH " + PollingSlots.workPoolAndQueueSlots("greatest") : "")
                + " SELECT runs.id, wp.id, runs.work_queue_id, runs.state_timestamp" + workPoolRuns(request, countSlots, "");
    }

    /**
     * One statement: the poll as a CTE ({@code polled}, materialised because it is read twice, so its runs
     * are locked once), the Pending states inserted from it, the runs updated from the states actually
     * inserted, and the moved runs returned as they are after the update, in poll order. Without slot counting the
     * limited pools and queues in scope are locked and counted first ({@code limits}); when there are any
     * the poll returns nothing and a single row carries their number, so that the caller claims again
     * counting slots, with those locks held.
     */
    @Override
    public Optional<String> claimFromWorkPools(WorkerPollRequest request, boolean countSlots) {
        String limits = countSlots ? "" : limitLocks(!request.workPoolIds().isEmpty(), !request.workQueueIds().isEmpty())
                + " limits AS (SELECT (SELECT count(*) FROM limited_pools) + (SELECT count(*) FROM limited_queues) AS limited),";
        String outerPriority = request.respectQueuePriorities() ? "runs.work_queue_priority, " : "";
        return Optional.of("WITH " + (countSlots ? PollingSlots.workPoolAndQueueSlots("greatest") + "," : limits)
                + " clock AS (SELECT CAST(:now AS timestamptz) AS now, CAST(:now_after AS timestamptz) AS now_after),"
                + " polled AS MATERIALIZED (SELECT runs.id, wp.id AS work_pool_id, runs.work_queue_id, runs.state_timestamp,"
                + "  row_number() OVER (ORDER BY " + outerPriority + "runs.next_scheduled_start_time, runs.id) AS ordinal"
                + workPoolRuns(request, countSlots, countSlots ? "" : " AND (SELECT limited FROM limits) = 0") + "),"
                + " states AS (INSERT INTO flow_run_state (id, created, updated, flow_run_id, type, \"timestamp\", name,"
                + "  state_details)"
                + "  SELECT gen_random_uuid(), clock.now, clock.now, polled.id, 'PENDING',"
                + "  CASE WHEN polled.state_timestamp = clock.now THEN clock.now_after ELSE clock.now END, 'Pending', '{}'"
                + "  FROM polled, clock RETURNING id, flow_run_id, \"timestamp\"),"
                + " moved AS (UPDATE flow_run SET state_id = states.id, state_type = 'PENDING', state_name = 'Pending',"
                + "  state_timestamp = states.\"timestamp\", next_scheduled_start_time = NULL,"
                + "  expected_start_time = coalesce(flow_run.expected_start_time, states.\"timestamp\"), updated = clock.now"
                + "  FROM states, clock WHERE flow_run.id = states.flow_run_id RETURNING flow_run.*)"
                + " SELECT polled.work_pool_id AS claim_work_pool_id, polled.work_queue_id AS claim_work_queue_id,"
                + (countSlots
                ? " 0 AS claim_limited, moved.* FROM polled JOIN moved ON moved.id = polled.id ORDER BY polled.ordinal"
                : " limits.limited AS claim_limited, moved.*"
                + " FROM limits LEFT JOIN (polled JOIN moved ON moved.id = polled.id) ON true ORDER BY polled.ordinal"));
    }

    /**
     * {@code FROM} onwards of the poll: per unpaused pool, per unpaused queue, its first scheduled runs
     * locked {@code FOR UPDATE SKIP LOCKED}, each level limited (by the free slots when counted), then
     * {@code extraCondition} on the pool row.
     */
    private static String workPoolRuns(WorkerPollRequest request, boolean countSlots, String extraCondition) {
        String priority = request.respectQueuePriorities() ? "wq.priority, " : "";
        String outerPriority = request.respectQueuePriorities() ? "runs.work_queue_priority, " : "";
        return " FROM work_pool wp"
                + (countSlots ? " LEFT JOIN pool_slots ON pool_slots.id = wp.id" : "")
                + " CROSS JOIN LATERAL ("
                + "  SELECT queue_runs.*, wq.id AS work_queue_id, wq.priority AS work_queue_priority"
                + "  FROM work_queue wq"
                + (countSlots ? "  LEFT JOIN queue_slots ON queue_slots.id = wq.id" : "")
                + "  CROSS JOIN LATERAL ("
                + "   SELECT fr.id, fr.state_timestamp, fr.next_scheduled_start_time"
                + "   FROM flow_run fr"
                + "   WHERE fr.work_queue_id = wq.id AND fr.state_type = 'SCHEDULED'"
                + "   AND (fr.empirical_policy ->> 'retry_type' IS NULL"
                + "    OR fr.empirical_policy ->> 'retry_type' <> 'in_process')"
                + (request.scheduledAfter() != null ? "   AND fr.next_scheduled_start_time >= :scheduled_after" : "")
                + (request.scheduledBefore() != null ? "   AND fr.next_scheduled_start_time <= :scheduled_before" : "")
                + "   ORDER BY fr.next_scheduled_start_time, fr.id"
                + (countSlots ? "   LIMIT least(:queue_limit, queue_slots.available_slots)" : "   LIMIT :queue_limit")
                + "   FOR UPDATE OF fr SKIP LOCKED"
                + "  ) queue_runs"
                + "  WHERE wq.work_pool_id = wp.id AND wq.is_paused IS FALSE"
                + (request.workQueueIds().isEmpty() ? "" : "  AND wq.id IN (:work_queue_ids)")
                + "  ORDER BY " + priority + "queue_runs.next_scheduled_start_time, queue_runs.id"
                + (countSlots ? "  LIMIT least(:worker_limit, pool_slots.available_slots)" : "  LIMIT :worker_limit")
                + " ) runs"
                + " WHERE wp.is_paused IS FALSE"
                + (request.workPoolIds().isEmpty() ? "" : " AND wp.id IN (:work_pool_ids)")
                + extraCondition
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
    public String limitedPoolsAndQueues(boolean filterPoolIds, boolean filterQueueIds) {
        return "WITH " + limitLocks(filterPoolIds, filterQueueIds).replaceFirst(",$", "")
                + " SELECT (SELECT count(*) FROM limited_pools) + (SELECT count(*) FROM limited_queues)";
    }

    /** {@code limited_pools AS (…), limited_queues AS (…),}: the limited pools and queues in scope, locked in id order. */
    private static String limitLocks(boolean filterPoolIds, boolean filterQueueIds) {
        return " limited_pools AS (SELECT wp.id FROM work_pool wp WHERE wp.concurrency_limit IS NOT NULL"
                + (filterPoolIds ? " AND wp.id IN (:work_pool_ids)" : "") + " ORDER BY wp.id FOR UPDATE),"
                + " limited_queues AS (SELECT wq.id FROM work_queue wq WHERE wq.concurrency_limit IS NOT NULL"
                + (filterPoolIds ? " AND wq.work_pool_id IN (:work_pool_ids)" : "")
                + (filterQueueIds ? " AND wq.id IN (:work_queue_ids)" : "") + " ORDER BY wq.id FOR UPDATE),";
    }
}
