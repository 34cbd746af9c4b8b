package io.stratum.dialect.sqlite.internal;

import io.stratum.api.query.WorkerPollRequest;
import io.stratum.api.spi.PollingSlots;
import io.stratum.api.spi.PollingSql;
import java.util.Optional;

/**
 * Worker polling as the reference's SQLite template does it: runs ranked per queue and per pool with
 * window functions instead of LATERAL limits, and no row locks (a polling transaction holds the
 * database write lock). Unlike the template, only each queue's first {@code :queue_limit} runs are
 * ranked (a correlated subquery with a constant LIMIT, SQLite's stand-in for LATERAL), not every
 * scheduled run of the database: the answer is the same, the cost no longer grows with the backlog.
 * Two deliberate differences from that template, so both databases give the same answers: a pool's
 * free slots count only runs of its unpaused queues (as on PostgreSQL), and with queue priorities the
 * result is ordered by priority, then time (as on PostgreSQL), not by rank within the pool. Ties in scheduled time are broken by run id.
 */
public final class SqlitePollingSql implements PollingSql {

    @Override
    public String scheduledRunsFromWorkPools(WorkerPollRequest request, boolean countSlots) {
        String priority = request.respectQueuePriorities() ? "wq.priority, " : "";
        String outerPriority = request.respectQueuePriorities() ? "work_queue_priority, " : "";
        String queueSlots = countSlots ? "min(coalesce(queue_slots.available_slots, :queue_limit), :queue_limit)"
                : ":queue_limit";
        String poolSlots = countSlots ? "min(coalesce(pool_available_slots, :worker_limit), :worker_limit)" : ":worker_limit";
        return "WITH " + (countSlots ? PollingSlots.workPoolAndQueueSlots("max") + "," : "")
                + " ranked_runs AS ("
                + "  SELECT fr.id, fr.work_queue_id, fr.state_timestamp, fr.next_scheduled_start_time,"
                + "   row_number() OVER (PARTITION BY fr.work_queue_id"
                + "    ORDER BY fr.next_scheduled_start_time, fr.id) AS work_queue_rank"
                + "  FROM work_queue wq"
                + "  JOIN work_pool wp ON wp.id = wq.work_pool_id"
                + "  JOIN flow_run fr ON fr.id IN ("
                + "   SELECT candidate.id FROM flow_run candidate"
                + "   WHERE candidate.work_queue_id = wq.id AND candidate.state_type = 'SCHEDULED'"
                + "   AND (json_extract(candidate.empirical_policy, '$.retry_type') IS NULL"
                + "    OR json_extract(candidate.empirical_policy, '$.retry_type') <> 'in_process')"
                + (request.scheduledAfter() != null ? "   AND candidate.next_scheduled_start_time >= :scheduled_after" : "")
                + (request.scheduledBefore() != null ? "   AND candidate.next_scheduled_start_time <= :scheduled_before" : "")
                + "   ORDER BY candidate.next_scheduled_start_time, candidate.id"
                + "   LIMIT :queue_limit)"
                + "  WHERE wp.is_paused IS FALSE AND wq.is_paused IS FALSE"
                + (request.workPoolIds().isEmpty() ? "" : "  AND wp.id IN (:work_pool_ids)")
                + (request.workQueueIds().isEmpty() ? "" : "  AND wq.id IN (:work_queue_ids)")
                + " ),"
                + " pool_runs AS ("
                + "  SELECT fr.id, wp.id AS work_pool_id, wq.id AS work_queue_id, fr.state_timestamp,"
                + "   fr.next_scheduled_start_time, wq.priority AS work_queue_priority,"
                + (countSlots ? "   pool_slots.available_slots AS pool_available_slots," : "")
                + "   row_number() OVER (PARTITION BY wp.id"
                + "    ORDER BY " + priority + "fr.next_scheduled_start_time, fr.id) AS work_pool_rank"
                + "  FROM work_pool wp"
                + "  JOIN work_queue wq ON wq.work_pool_id = wp.id"
                + (countSlots ? "  LEFT JOIN pool_slots ON pool_slots.id = wp.id" : "")
                + (countSlots ? "  LEFT JOIN queue_slots ON queue_slots.id = wq.id" : "")
                + "  JOIN ranked_runs fr ON fr.work_queue_id = wq.id"
                + "   AND fr.work_queue_rank <= " + queueSlots
                + " )"
                + " SELECT id, work_pool_id, work_queue_id, state_timestamp"
                + " FROM pool_runs"
                + " WHERE work_pool_rank <= " + poolSlots
                + " ORDER BY " + outerPriority + "next_scheduled_start_time, id"
                + " LIMIT :limit";
    }

    @Override
    public String scheduledRunsFromWorkQueues(boolean filterQueueIds, boolean scheduledBefore) {
        return "WITH " + PollingSlots.legacyQueueSlots("max") + ","
                + " ranked_runs AS ("
                + "  SELECT fr.id, fr.work_queue_name, fr.state_timestamp, fr.next_scheduled_start_time,"
                + "   row_number() OVER (PARTITION BY fr.work_queue_name"
                + "    ORDER BY fr.next_scheduled_start_time, fr.id) AS work_queue_rank"
                + "  FROM flow_run fr"
                + "  WHERE fr.state_type = 'SCHEDULED' AND fr.work_queue_name IS NOT NULL"
                + (scheduledBefore ? "  AND fr.next_scheduled_start_time <= :scheduled_before" : "")
                + " )"
                + " SELECT fr.id AS flow_run_id, wq.work_pool_id AS work_pool_id, wq.id AS work_queue_id,"
                + " fr.state_timestamp AS state_timestamp, fr.next_scheduled_start_time AS next_scheduled_start_time"
                + " FROM work_queue wq"
                + " LEFT JOIN queue_slots ON queue_slots.id = wq.id"
                + " JOIN ranked_runs fr ON fr.work_queue_name = wq.name"
                + "  AND fr.work_queue_rank <= min(coalesce(queue_slots.available_slots, :limit_per_queue), :limit_per_queue)"
                + " WHERE wq.is_paused IS FALSE"
                + (filterQueueIds ? " AND wq.id IN (:work_queue_ids)" : "")
                + " ORDER BY fr.next_scheduled_start_time, fr.id, wq.id";
    }

    /** Counts only: a claim's transaction holds the database write lock, so no other claimer counts meanwhile. */
    @Override
    public String limitedPoolsAndQueues(boolean filterPoolIds, boolean filterQueueIds) {
        // The pool ids are bound once (in the CTE): bound twice, a poll at WorkerPollRequest.MAX_IDS pool and
        // queue ids needed 1,200 bind parameters, more than SQLite's 999.
        return "WITH pools AS (SELECT id, concurrency_limit FROM work_pool"
                + (filterPoolIds ? " WHERE id IN (:work_pool_ids)" : "") + ")"
                + " SELECT (SELECT count(*) FROM pools WHERE concurrency_limit IS NOT NULL)"
                + " + (SELECT count(*) FROM work_queue wq WHERE wq.concurrency_limit IS NOT NULL"
                + (filterPoolIds ? " AND wq.work_pool_id IN (SELECT id FROM pools)" : "")
                + (filterQueueIds ? " AND wq.id IN (:work_queue_ids)" : "") + ")";
    }

    /** None: SQLite cannot write inside a query (no data-modifying CTEs); the claim polls, then writes. */
    @Override
    public Optional<String> claimFromWorkPools(WorkerPollRequest request, boolean countSlots) {
        return Optional.empty();
    }
}
