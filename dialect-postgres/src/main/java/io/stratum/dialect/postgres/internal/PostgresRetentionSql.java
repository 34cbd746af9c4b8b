package io.stratum.dialect.postgres.internal;

import io.stratum.api.spi.RetentionSql;

/**
 * Batches chosen through the reference's indexes ({@code ix_flow_run__end_time_desc},
 * {@code ix_events__occurred_id}, {@code ix_events__event_occurred_id}), oldest first; flow runs locked
 * with {@code SKIP LOCKED}, so a run in the middle of a transition is left for a later batch instead of
 * being waited for.
 */
public final class PostgresRetentionSql implements RetentionSql {
    private static final java.util.Optional<io.stratum.api.spi.DayPartitions> DAY_PARTITIONS =
            java.util.Optional.of(new PostgresDayPartitions());

    /** Always there: whether a table is partitioned is read from the database when it matters. */
    @Override
    public java.util.Optional<io.stratum.api.spi.DayPartitions> dayPartitions() {
        return DAY_PARTITIONS;
    }

    @Override
    public String expiredFlowRunIds() {
        return "SELECT id FROM flow_run WHERE parent_task_run_id IS NULL "
                + "AND state_type IN ('COMPLETED', 'FAILED', 'CANCELLED', 'CRASHED') "
                + "AND end_time IS NOT NULL AND end_time < :cutoff "
                + "ORDER BY end_time LIMIT :limit FOR UPDATE SKIP LOCKED";
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
