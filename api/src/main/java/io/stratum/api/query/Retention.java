package io.stratum.api.query;

import io.stratum.api.Api;

/**
 * Deletes old history in short batches (the reference's database vacuum service), so a clean of a year
 * of history never holds a lock for long: each batch of at most {@link RetentionRequest#batchSize()}
 * rows is its own transaction (on SQLite its own write transaction, so pollers' writes interleave
 * between batches), and a clean stopped at any point leaves a consistent database that the next clean
 * continues. Unlike the other query components it manages its own transactions: call it outside one. Called
 * inside a session context of this thread ({@code inTransaction}, {@code inTransactionForUpdate},
 * {@code inReadOnlyTransaction}, {@code sessionContext}) it fails with an {@link IllegalStateException} and
 * deletes nothing; a transaction begun by hand on a session from {@code db.session()} cannot be seen, and
 * there its batches would wait behind that transaction's locks.
 *
 * <p>What goes, in this order:
 * <ol>
 *   <li>with {@link RetentionRequest#flowRunsBefore()}: top-level flow runs (no parent task run) in a
 *       terminal state type (COMPLETED, FAILED, CANCELLED, CRASHED) whose {@code end_time} is set and
 *       before the cut-off, with what cascades from them (states, task runs and their states, inputs).
 *       A terminal run without {@code end_time} stays; a subflow run whose parent task run went becomes
 *       top-level and goes in a later batch of the same call once it qualifies itself. Never a
 *       scheduled, pending, running, paused or cancelling run, a younger run, a deployment, flow, block or
 *       work pool. Then logs and artifacts whose {@code flow_run_id} is set and names no run, and
 *       artifact collections whose {@code latest_id} names no artifact: re-pointed at the newest
 *       artifact left of their key, or deleted when none is left;</li>
 *   <li>with {@link RetentionRequest#eventsBefore()}: events of each type with a shorter retention
 *       ({@link RetentionRequest#eventTypesBefore()}), then all events older than the events cut-off,
 *       each batch's {@code event_resources} first (there is no cascade); then resources older than the
 *       events cut-off whose event is gone.</li>
 * </ol>
 */
@Api(Api.Status.EXPERIMENTAL)
public interface Retention {

    /** Deletes (or with {@link RetentionRequest#dryRun()} only counts) what {@code request} selects. */
    RetentionResult clean(RetentionRequest request);
}
