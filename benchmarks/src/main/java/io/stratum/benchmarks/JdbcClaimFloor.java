package io.stratum.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The least hand-written JDBC for a claim (issue 18's floor): the due runs of the benchmark's queue,
 * first by scheduled time, moved to PENDING with the rows Stratum's claim writes (a Pending state with
 * {@code {}} details, 1 µs after the current state's timestamp when that is now; the run pointed at it,
 * its next scheduled time cleared, its expected start time kept or set) and handed back in full, JSON
 * parsed, as a worker needs them.
 *
 * <p>PostgreSQL: ONE statement in autocommit, a data-modifying CTE (select {@code FOR UPDATE SKIP LOCKED
 * LIMIT}, insert the states, update the runs {@code RETURNING flow_run.*}). SQLite has no data-modifying
 * CTEs: one {@code BEGIN IMMEDIATE} transaction of two statements (an {@code UPDATE … RETURNING *} of
 * the first due runs that draws each run's new state id, then one multi-row INSERT of those states; the
 * run-to-state foreign key is deferred to the commit).
 */
final class JdbcClaimFloor {
    private static final String PG_CLAIM = postgresClaim("flow_run.*");

    /**
     * The one-statement claim on PostgreSQL: lock due runs, insert their Pending states, point the runs at them;
     * {@code returning} names what the update hands back (the lifecycle floor needs only the ids).
     */
    static String postgresClaim(String returning) {
        return "WITH clock AS (SELECT CAST(? AS timestamptz) AS now), "
                + "due AS (SELECT id, state_timestamp FROM flow_run WHERE work_queue_id = ? AND state_type = 'SCHEDULED' "
                + "ORDER BY next_scheduled_start_time, id LIMIT ? FOR UPDATE SKIP LOCKED), "
                + "states AS (INSERT INTO flow_run_state (id, created, updated, flow_run_id, type, \"timestamp\", name, "
                + "state_details) SELECT gen_random_uuid(), clock.now, clock.now, due.id, 'PENDING', CASE WHEN "
                + "due.state_timestamp = clock.now THEN clock.now + interval '1 microsecond' ELSE clock.now END, 'Pending', "
                + "'{}' FROM due, clock RETURNING id, flow_run_id, \"timestamp\") "
                + "UPDATE flow_run SET state_id = states.id, state_type = 'PENDING', state_name = 'Pending', "
                + "state_timestamp = states.\"timestamp\", next_scheduled_start_time = NULL, "
                + "expected_start_time = coalesce(flow_run.expected_start_time, states.\"timestamp\"), updated = clock.now "
                + "FROM states, clock WHERE flow_run.id = states.flow_run_id RETURNING " + returning;
    }
    /** A version 4 UUID in SQLite's text form, as {@code UUID.randomUUID().toString()} writes one. */
    private static final String SQLITE_NEW_UUID = "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' "
            + "|| substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) "
            + "|| substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))";
    /** ?1 now, ?2 now + 1 µs, ?3 the queue, ?4 the limit. */
    private static final String SQLITE_CLAIM = "UPDATE flow_run SET state_id = " + SQLITE_NEW_UUID + ", "
            + "state_type = 'PENDING', state_name = 'Pending', "
            + "state_timestamp = CASE WHEN state_timestamp = ?1 THEN ?2 ELSE ?1 END, next_scheduled_start_time = NULL, "
            + "expected_start_time = coalesce(expected_start_time, CASE WHEN state_timestamp = ?1 THEN ?2 ELSE ?1 END), "
            + "updated = ?1 WHERE id IN (SELECT id FROM flow_run WHERE work_queue_id = ?3 AND state_type = 'SCHEDULED' "
            + "ORDER BY next_scheduled_start_time, id LIMIT ?4) RETURNING *";
    private static final String SQLITE_STATES = "INSERT INTO flow_run_state (id, created, updated, flow_run_id, type, "
            + "\"timestamp\", name, state_details) VALUES %s";

    private final BenchDatabase database;
    private final Seeds seeds;
    private final int limit;
    private final boolean postgres;
    private final JdbcValues values;
    private final ReentrantLock writer;

    JdbcClaimFloor(BenchDatabase database, Seeds seeds, int limit) {
        this.database = database;
        this.seeds = seeds;
        this.limit = limit;
        this.postgres = Dialects.POSTGRESQL.equals(database.dialect());
        this.values = database.values();
        this.writer = JdbcTransaction.writerQueue(database);
    }

    /** Claims up to {@code limit} runs; returns their ids. */
    List<UUID> claim() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (postgres) {
            // One statement in autocommit: the statement is the transaction, one round trip.
            try (Connection connection = database.dataSource().getConnection();
                 PreparedStatement claim = connection.prepareStatement(PG_CLAIM)) {
                values.timestamp(claim, 1, now);
                values.uuid(claim, 2, seeds.workQueueId);
                claim.setInt(3, limit);
                try (ResultSet rows = claim.executeQuery()) {
                    return JdbcClaims.readRuns(rows, values, null);
                }
            }
        }
        return JdbcTransaction.run(database, writer, true, connection -> {
            List<UUID> ids;
            List<Object> states = new ArrayList<>();
            try (PreparedStatement claim = connection.prepareStatement(SQLITE_CLAIM)) {
                values.timestamp(claim, 1, now);
                values.timestamp(claim, 2, now.plus(1, ChronoUnit.MICROS));
                values.uuid(claim, 3, seeds.workQueueId);
                claim.setInt(4, limit);
                try (ResultSet rows = claim.executeQuery()) {
                    ids = JdbcClaims.readRuns(rows, values, run -> {
                        states.add(run.get("state_id"));
                        states.add(run.get("id"));
                        states.add(run.get("state_timestamp"));
                    });
                }
            }
            if (ids.isEmpty()) {
                return ids;
            }
            String rows = String.join(", ", Collections.nCopies(ids.size(), "(?, ?, ?, ?, 'PENDING', ?, 'Pending', '{}')"));
            try (PreparedStatement insert = connection.prepareStatement(String.format(SQLITE_STATES, rows))) {
                int index = 1;
                for (int i = 0; i < states.size(); i += 3) {
                    insert.setObject(index++, states.get(i));
                    values.timestamp(insert, index++, now);
                    values.timestamp(insert, index++, now);
                    insert.setObject(index++, states.get(i + 1));
                    insert.setObject(index++, states.get(i + 2));
                }
                if (insert.executeUpdate() != ids.size()) {
                    throw new IllegalStateException("Not every Pending state was inserted");
                }
            }
            return ids;
        });
    }
}
