package io.stratum.orm.internal.query;

import io.stratum.api.Dialect;
import io.stratum.api.StratumException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Moves claimed runs to PENDING with set-based statements: the {@code Pending} states inserted as the
 * database takes many rows best ({@link RowInserts}), and one UPDATE pointing the runs at them per slice
 * that fits the bind-parameter limit.
 * The denormalised run fields follow reference §4.2 for SCHEDULED → PENDING.
 */
final class PendingClaims {
    private static final String STATE_COLUMNS = "id, created, updated, flow_run_id, type, \"timestamp\", name, state_details";
    private static final String STATE_ROW = "?, ?, ?, ?, 'PENDING', ?, 'Pending', '{}'";
    private static final int STATE_ROW_PARAMETERS = 5;
    private static final String POINT_RUNS_AT_STATES = "UPDATE flow_run SET state_id = s.id, state_type = s.type, "
            + "state_name = s.name, state_timestamp = s.\"timestamp\", next_scheduled_start_time = NULL, "
            + "expected_start_time = coalesce(flow_run.expected_start_time, s.\"timestamp\"), updated = ? "
            + "FROM flow_run_state s WHERE s.flow_run_id = flow_run.id AND s.id IN (";

    private PendingClaims() {
    }

    static void moveToPending(TransactionSql transaction, Dialect dialect, RowInserts rowInserts, List<PolledRun> runs,
                              Instant now) {
        List<Object> stateRows = new ArrayList<>(runs.size() * STATE_ROW_PARAMETERS);
        List<UUID> stateIds = new ArrayList<>(runs.size());
        for (PolledRun run : runs) {
            UUID stateId = UUID.randomUUID();
            stateIds.add(stateId);
            stateRows.add(stateId);
            stateRows.add(now);
            stateRows.add(now);
            stateRows.add(run.runId());
            stateRows.add(stateTimestamp(run.stateTimestamp(), now));
        }
        rowInserts.insert(transaction, "flow_run_state", STATE_COLUMNS, STATE_ROW, STATE_ROW_PARAMETERS, stateRows);
        int updated = 0;
        for (List<UUID> slice : Batches.slices(stateIds, dialect.maxQueryParameters() - 1)) {
            List<Object> parameters = new ArrayList<>(slice.size() + 1);
            parameters.add(now);
            parameters.addAll(slice);
            updated += transaction.update(POINT_RUNS_AT_STATES + TransactionSql.placeholders(slice.size()) + ")",
                    parameters.toArray());
        }
        if (updated != runs.size()) {
            throw new StratumException("Claiming " + runs.size() + " flow runs updated " + updated + " of them; the "
                    + "transaction must be rolled back.");
        }
    }

    /**
     * The new state's time: now, unless the current state is not older, then one microsecond after it,
     * keeping (flow_run_id, timestamp) unique as the reference does.
     */
    private static Instant stateTimestamp(Instant current, Instant now) {
        return current != null && !now.isAfter(current) ? current.plus(1, ChronoUnit.MICROS) : now;
    }
}
