package io.stratum.dialect.postgres.internal;

import io.stratum.api.spi.TransitionSql;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * A batch of transitions in one statement: the state insert and the run update as data-modifying common
 * table expressions, the update joined to the states actually inserted (so a run whose new state's
 * timestamp collided keeps its fields, and the caller retries it with the next microsecond).
 */
public final class PostgresTransitionSql implements TransitionSql {
    private static final String[] TYPES = {"uuid", "uuid", "state_type", "varchar", "timestamptz", "timestamptz",
            "timestamptz", "integer", "interval", "timestamptz", "timestamptz", "timestamptz"};

    @Override
    public Optional<String> writeStatesAndRuns(String stateInsert, String runTable, int rows) {
        boolean flowRun = runTable.equals("flow_run");
        String extra = flowRun ? "empirical_policy" : "flow_run_run_count";
        String extraType = flowRun ? "jsonb" : "integer";

        StringJoiner names = new StringJoiner(", ", "(id, ", ", " + extra + ")");
        RUN_COLUMNS.forEach(names::add);
        StringBuilder row = new StringBuilder("(");
        for (String type : TYPES) {
            row.append("CAST(? AS ").append(type).append("), ");
        }
        row.append("CAST(? AS ").append(extraType).append("))");
        StringJoiner values = new StringJoiner(", ");
        for (int i = 0; i < rows; i++) {
            values.add(row);
        }
        StringJoiner set = new StringJoiner(", ");
        for (String column : RUN_COLUMNS) {
            set.add(column + " = v." + column);
        }
        // The policy is sent only when the resuming mark changes; the column is NOT NULL, so null means "keep".
        set.add(flowRun ? "empirical_policy = coalesce(v.empirical_policy, r.empirical_policy)"
                : "flow_run_run_count = v.flow_run_run_count");
        return Optional.of("WITH inserted AS (" + stateInsert + " RETURNING id),"
                + " updated AS (UPDATE " + runTable + " r SET " + set
                + " FROM (VALUES " + values + ") AS v" + names
                + " WHERE r.id = v.id AND v.state_id IN (SELECT id FROM inserted) RETURNING r.id)"
                + " SELECT id FROM updated");
    }
}
