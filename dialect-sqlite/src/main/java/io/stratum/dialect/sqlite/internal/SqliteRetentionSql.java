package io.stratum.dialect.sqlite.internal;

import io.stratum.api.spi.RetentionSql;

/**
 * Batches chosen through the reference's indexes ({@code ix_flow_run__end_time_desc},
 * {@code ix_events__occurred_id}, {@code ix_events__event_occurred_id}), oldest first. No row locks:
 * each batch runs in its own write transaction ({@code BEGIN IMMEDIATE}), which already excludes every
 * other writer until it commits.
 */
public final class SqliteRetentionSql implements RetentionSql {

    /**
     * The unary {@code +} keeps SQLite's planner off {@code ix_flow_run__parent_task_run_id} (every
     * top-level run matches {@code IS NULL}: a search of nearly the whole table, then a sort) and
     * {@code ix_flow_run__state_type}: the batch walks {@code ix_flow_run__end_time_desc} from the oldest end.
     */
    @Override
    public String expiredFlowRunIds() {
        return "SELECT id FROM flow_run WHERE +parent_task_run_id IS NULL "
                + "AND +state_type IN ('COMPLETED', 'FAILED', 'CANCELLED', 'CRASHED') "
                + "AND end_time IS NOT NULL AND end_time < :cutoff "
                + "ORDER BY end_time LIMIT :limit";
    }

    @Override
    public String oldEventIds() {
        return "SELECT id FROM events WHERE occurred < :cutoff ORDER BY occurred, id LIMIT :limit";
    }

    @Override
    public String oldEventIdsOfType() {
        return "SELECT id FROM events WHERE event = :event_type AND occurred < :cutoff ORDER BY occurred, id LIMIT :limit";
    }
}
