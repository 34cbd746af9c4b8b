package io.stratum.api.spi;

import io.stratum.api.Api;

/**
 * What differs between databases when retention deletes old history in batches ({@link
 * io.stratum.api.query.Retention}): how one batch of old rows is chosen. Each statement selects the
 * {@code id}s of at most {@code :limit} rows, oldest first, through an index of the reference schema (no
 * batch may scan the table); the shared code then deletes those ids ({@code DELETE … WHERE id IN (…)}),
 * dependants first, in the same short transaction. Named parameters: {@code :cutoff} (timestamp),
 * {@code :limit} (integer) and, where stated, {@code :event_type} (text).
 *
 * <p>This is the one seam for "rows of a table older than a cut-off": a dialect that stores a table in
 * time partitions answers here for the rows of the partition at the cut-off and can drop the older
 * partitions whole.
 */
@Api(Api.Status.EXPERIMENTAL)
public interface RetentionSql {

    /**
     * The ids of top-level flow runs ({@code parent_task_run_id IS NULL}) in a terminal state type
     * (COMPLETED, FAILED, CANCELLED, CRASHED) whose {@code end_time} is set and before {@code :cutoff}.
     * Rows another transaction is changing are skipped where the database can lock rows (they are taken
     * by a later batch or call), so a clean never waits for, nor deletes under, a running transition.
     */
    String expiredFlowRunIds();

    /** The ids of {@code events} with {@code occurred} before {@code :cutoff}. */
    String oldEventIds();

    /** The ids of {@code events} of type {@code :event_type} with {@code occurred} before {@code :cutoff}. */
    String oldEventIdsOfType();

    /**
     * The history tables in day partitions, where the database keeps them so (PostgreSQL, opt-in): retention
     * then drops whole days older than the cut-off instead of deleting their rows. Empty (the default) for a
     * database that never stores them in partitions (SQLite): every row goes in batches.
     */
    default java.util.Optional<DayPartitions> dayPartitions() {
        return java.util.Optional.empty();
    }
}
