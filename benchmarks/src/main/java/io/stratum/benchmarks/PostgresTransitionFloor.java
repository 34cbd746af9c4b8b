package io.stratum.benchmarks;

import io.stratum.api.model.StateType;
import io.stratum.orm.types.Json;
import io.stratum.orm.types.StateDetails;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The least hand-written JDBC that moves flow runs to a new state on PostgreSQL: ONE statement in
 * autocommit (its own transaction, one round trip), a data-modifying CTE that locks the runs by id, inserts
 * their states (the reference's whole {@code state_details} naming the run) and points the runs at them
 * with the reference's bookkeeping (start and end time, run count, total run time, expected and next
 * scheduled start time). A state's timestamp is now, or 1 µs after the run's current state's when that is
 * not before now (the runs' states are stamped in order, so no other state of the run can hold it).
 *
 * <p>The floor of the lifecycle's steps (a batch per statement, or one run per statement) and of a single
 * transition (benchmark 1): Stratum's single transition on PostgreSQL is the same kind of statement.
 */
final class PostgresTransitionFloor {
    /**
     * %1$s the type literal, %2$s its name, %3$s the type's start/end/run-count bookkeeping (reference §4.2),
     * %4$s how the runs are named: {@code = ANY(?)} for a batch, {@code = ?} for one run. One run is named by
     * its id, not by an array of one: PostgreSQL estimates an array parameter at ten elements, so the plan
     * it could keep for the statement never looked cheaper than one made for a one-element array, and it
     * planned the statement again on every call (Stratum's one-run statement names its run by id).
     */
    private static final String STEP = "WITH clock AS (SELECT CAST(? AS timestamptz) AS now, "
            + "CAST(? AS timestamptz) AS scheduled), "
            + "runs AS (SELECT id, state_type, state_timestamp FROM flow_run WHERE id %4$s FOR UPDATE), "
            + "states AS (INSERT INTO flow_run_state (id, created, updated, flow_run_id, type, \"timestamp\", name, "
            + "state_details) SELECT gen_random_uuid(), clock.now, clock.now, runs.id, '%1$s', CASE WHEN "
            + "runs.state_timestamp >= clock.now THEN runs.state_timestamp + interval '1 microsecond' ELSE clock.now END, "
            + "'%2$s', jsonb_set(CAST(? AS jsonb), '{flow_run_id}', to_jsonb(runs.id)) FROM runs, clock "
            + "RETURNING id, flow_run_id, \"timestamp\") "
            + "UPDATE flow_run SET state_id = states.id, state_type = '%1$s', state_name = '%2$s', "
            + "state_timestamp = states.\"timestamp\", %3$s, "
            + "total_run_time = flow_run.total_run_time + CASE WHEN runs.state_type = 'RUNNING' "
            + "THEN states.\"timestamp\" - runs.state_timestamp ELSE interval '0' END, "
            + "expected_start_time = coalesce(flow_run.expected_start_time, clock.scheduled, states.\"timestamp\"), "
            + "next_scheduled_start_time = clock.scheduled, updated = clock.now "
            + "FROM states JOIN runs ON runs.id = states.flow_run_id, clock WHERE flow_run.id = states.flow_run_id "
            + "RETURNING flow_run.id";
    private static final Map<StateType, String> STATEMENTS = new EnumMap<>(StateType.class);
    private static final Map<StateType, String> ONE_RUN_STATEMENTS = new EnumMap<>(StateType.class);
    /** The details of every state but SCHEDULED (which names its time), serialised once. */
    private static final String UNSCHEDULED_DETAILS = details(null);

    static {
        String started = "start_time = coalesce(flow_run.start_time, states.\"timestamp\")";
        for (StateType type : new StateType[] {StateType.PENDING, StateType.RUNNING, StateType.COMPLETED,
                StateType.SCHEDULED}) {
            String bookkeeping = switch (type) {
                case RUNNING -> started + ", end_time = NULL, run_count = flow_run.run_count + 1";
                case COMPLETED -> started + ", end_time = coalesce(flow_run.end_time, states.\"timestamp\")";
                default -> "end_time = NULL";
            };
            STATEMENTS.put(type, String.format(STEP, type.name(), TransitionBenchmark.name(type), bookkeeping, "= ANY(?)"));
            ONE_RUN_STATEMENTS.put(type, String.format(STEP, type.name(), TransitionBenchmark.name(type), bookkeeping, "= ?"));
        }
    }

    private final BenchDatabase database;
    private final JdbcValues values;

    PostgresTransitionFloor(BenchDatabase database) {
        this.database = database;
        this.values = database.values();
    }

    /**
     * Moves {@code runs} to {@code type} in one statement; {@code scheduled} is a SCHEDULED state's time
     * (null for the others). Returns the runs moved.
     */
    List<UUID> move(List<UUID> runs, StateType type, Instant scheduled) throws Exception {
        String sql = (runs.size() == 1 ? ONE_RUN_STATEMENTS : STATEMENTS).get(type);
        if (sql == null) {
            throw new IllegalArgumentException("The transition floor has no statement for " + type);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement step = connection.prepareStatement(sql)) {
            values.timestamp(step, 1, now);
            values.timestamp(step, 2, scheduled);
            if (runs.size() == 1) {
                values.uuid(step, 3, runs.get(0));
            } else {
                step.setArray(3, connection.createArrayOf("uuid", runs.toArray()));
            }
            step.setString(4, scheduled == null ? UNSCHEDULED_DETAILS : details(scheduled));
            List<UUID> moved = new ArrayList<>();
            try (ResultSet row = step.executeQuery()) {
                while (row.next()) {
                    moved.add(values.readUuid(row, 1));
                }
            }
            return moved;
        }
    }

    /** The reference's whole state_details document with a placeholder run id (the statement sets each run's). */
    private static String details(Instant scheduled) {
        return Json.write(new StateDetails(new UUID(0, 0), null, null, scheduled, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null), "flow_run_state.state_details");
    }
}
