package io.stratum.api.query;

import io.stratum.api.Api;
import jakarta.persistence.EntityManager;
import java.util.List;

/**
 * Logs and events written in bulk, the way each database takes many rows fastest: on PostgreSQL one
 * {@code COPY … FROM STDIN} per call for logs and event resources, and multi-row
 * {@code INSERT … VALUES (…), (…) ON CONFLICT (id) DO NOTHING} statements for events (a COPY cannot skip
 * stored ids), each carrying at most {@link io.stratum.api.Dialect#maxQueryParameters()} (32,767) bind
 * parameters, so an input of any size is split into as many statements as it needs; on SQLite, where
 * there are no round trips to save, one prepared single-row INSERT run as JDBC batches (docs/benchmarks.md
 * measures them against hand-written JDBC and COPY). See {@link QueryComponents#bulk()}.
 *
 * <p>Both run in the caller's session and transaction (pending changes are flushed first): call them
 * inside {@code inTransaction} so a failure writes nothing. Every record is checked before the first
 * statement runs; a bad one fails the whole call with an error naming its position and field. Calls of
 * more than {@value #MAX_RECORDS} records, events with more than {@value #MAX_RELATED_RESOURCES} related
 * resources and resources with more than {@value #MAX_LABELS_PER_RESOURCE} labels are refused with an
 * {@link IllegalArgumentException} naming the value and the maximum, before anything is written.
 */
@Api(Api.Status.EXPERIMENTAL)
public interface BulkWrites {

    /**
     * The most logs or events one call takes. A call is one set of statements in the caller's
     * transaction, with every row's values in memory: this is ten times the largest call the benchmarks
     * make (5,000 logs) and keeps one transaction's size bounded. Write more in several calls.
     */
    int MAX_RECORDS = 50_000;

    /** The most related resources of one event: the reference server's default ({@code events.maximum_related_resources}). */
    int MAX_RELATED_RESOURCES = 500;

    /** The most labels of one resource: the reference server's default ({@code events.maximum_labels_per_resource}). */
    int MAX_LABELS_PER_RESOURCE = 500;

    /**
     * Inserts the logs, each with a new id and {@code created}/{@code updated} = now. NUL characters are
     * removed from names and messages, as the reference does (PostgreSQL text cannot hold them: one would
     * fail the whole batch), on both databases.
     *
     * @return the number of rows written (the input size)
     * @throws io.stratum.api.StratumException if a record misses a required field (nothing is written)
     */
    int insertLogs(EntityManager session, List<LogRecord> logs);

    /**
     * Inserts the events that are not stored yet, with their resources in {@code event_resources}: the
     * primary resource (role {@code ""}) and every related resource (with its role), each without its id
     * and role labels, as the reference writes them. Events already stored under the same id, and
     * repeats of an id within the input (the first wins), are skipped along with their resources.
     * {@code resource_id}, {@code related_resource_ids} and {@code recorded} (= now) are derived.
     *
     * @return the number of events newly stored
     * @throws io.stratum.api.StratumException if a record misses a required field (nothing is written)
     */
    int insertEvents(EntityManager session, List<EventRecord> events);

    /**
     * How many log rows one statement carries on this database: a whole call ({@value #MAX_RECORDS} at
     * most) where logs are copied (PostgreSQL), 1 where they are batched (SQLite).
     */
    int logsPerStatement();
}
