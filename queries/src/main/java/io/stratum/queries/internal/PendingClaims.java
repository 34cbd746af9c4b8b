package io.stratum.queries.internal;

import io.stratum.api.Dialect;
import io.stratum.orm.model.FlowRunEntity;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Moves claimed runs to PENDING where the dialect cannot claim in one statement
 * ({@link io.stratum.api.spi.PollingSql#claimFromWorkPools} empty: SQLite), with set-based statements: the {@code Pending} states inserted as the
 * database takes many rows best ({@link RowInserts}), and one UPDATE pointing the runs at them per slice
 * that fits the bind-parameter limit (the run-to-state pairs travel in the statement), which returns the
 * updated runs.
 * The denormalised run fields follow reference §4.2 for SCHEDULED → PENDING.
 */
final class PendingClaims {
    private static final String STATE_COLUMNS = "id, created, updated, flow_run_id, type, \"timestamp\", name, state_details";
    private static final String STATE_ROW = "?, ?, ?, ?, 'PENDING', ?, 'Pending', '{}'";
    private static final int STATE_ROW_PARAMETERS = 5;
    /**
     * Points each run at its new state from the (run, state, timestamp) rows bound in the statement
     * itself, so the database looks up only flow_run by primary key. (Joining flow_run_state for them
     * made PostgreSQL plan a scan of that table whenever its statistics said it was small, and claims
     * slowed as it grew: docs/benchmarks.md.)
     */
    private static final String POINT_RUNS_AT_STATES = "WITH pending (run_id, state_id, state_timestamp) AS (VALUES %s) "
            + "UPDATE flow_run SET state_id = pending.state_id, state_type = 'PENDING', state_name = 'Pending', "
            + "state_timestamp = pending.state_timestamp, next_scheduled_start_time = NULL, "
            + "expected_start_time = coalesce(flow_run.expected_start_time, pending.state_timestamp), updated = ? "
            + "FROM pending WHERE flow_run.id = pending.run_id RETURNING *";
    private static final int PENDING_ROW_PARAMETERS = 3;

    private PendingClaims() {
    }

    /**
     * Moves the runs and returns them as the update left them, by id, built from the rows the update
     * returned ({@link ReturnedEntities}) instead of read again.
     */
    static Map<UUID, FlowRunEntity> moveToPending(EntityManager session, TransactionSql transaction, Dialect dialect,
                                                  RowInserts rowInserts, List<PolledRun> runs, Instant now) {
        List<Object> stateRows = new ArrayList<>(runs.size() * STATE_ROW_PARAMETERS);
        List<Object> pendingRows = new ArrayList<>(runs.size() * PENDING_ROW_PARAMETERS);
        for (PolledRun run : runs) {
            UUID stateId = UUID.randomUUID();
            Instant timestamp = stateTimestamp(run.stateTimestamp(), now);
            stateRows.add(stateId);
            stateRows.add(now);
            stateRows.add(now);
            stateRows.add(run.runId());
            stateRows.add(timestamp);
            pendingRows.add(run.runId());
            pendingRows.add(stateId);
            pendingRows.add(timestamp);
        }
        rowInserts.insert(transaction, "flow_run_state", STATE_COLUMNS, STATE_ROW, STATE_ROW_PARAMETERS, stateRows);
        ReturnedEntities<FlowRunEntity> returned = new ReturnedEntities<>(session, FlowRunEntity.class, 1);
        Map<UUID, FlowRunEntity> moved = new HashMap<>(runs.size() * 2);
        int rowsPerUpdate = (dialect.maxQueryParameters() - 1) / PENDING_ROW_PARAMETERS;
        for (List<Object> slice : Batches.slices(pendingRows, rowsPerUpdate * PENDING_ROW_PARAMETERS)) {
            int rows = slice.size() / PENDING_ROW_PARAMETERS;
            String values = String.join(", ", java.util.Collections.nCopies(rows, "(?, ?, ?)"));
            List<Object> parameters = new ArrayList<>(slice);
            parameters.add(now);
            transaction.query(String.format(POINT_RUNS_AT_STATES, values), row -> {
                FlowRunEntity run = returned.read(row);
                moved.put(run.getId(), run);
                return null;
            }, parameters.toArray());
        }
        if (moved.size() != runs.size()) {
            throw transaction.failed("Claiming " + runs.size() + " flow runs updated " + moved.size() + " of them; the "
                    + "transaction must be rolled back.");
        }
        return moved;
    }

    /**
     * The new state's time: now, unless the current state has that very timestamp, then one microsecond
     * after it, keeping (flow_run_id, timestamp) unique as the reference does (a free timestamp is kept,
     * also one earlier than the current state's, as in the state transitions).
     */
    private static Instant stateTimestamp(Instant current, Instant now) {
        return now.equals(current) ? now.plus(1, ChronoUnit.MICROS) : now;
    }
}
