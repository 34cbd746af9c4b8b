package io.stratum.dialect.postgres.internal;

import io.stratum.api.spi.BulkWriteSql.TypedColumn;
import io.stratum.api.spi.TransitionSql;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Transitions in one statement each: the lock, the read of the current fields, the free timestamp, the
 * state insert and the run update (the reference's bookkeeping as SQL) as data-modifying common table
 * expressions, the update joined to the states actually inserted. A batch is the same statement over
 * {@code unnest} of one typed array per value that differs between its transitions (the others bound
 * once), so its text depends on which values differ, not on the batch size.
 */
public final class PostgresTransitionSql implements TransitionSql {
    @Override
    public Optional<String> transitionOfOneRun(String runTable, String stateTable, List<String> stateColumns) {
        boolean flowRun = runTable.equals("flow_run");
        RunShape run = new RunShape(runTable, stateTable);
        StringJoiner names = new StringJoiner(", ");
        StringJoiner values = new StringJoiner(", ");
        for (String column : stateColumns) {
            names.add('"' + column + '"');
            values.add(column.equals(run.runColumn) ? "p.run_id" : switch (column) {
                case "timestamp" -> "ts.free";
                case "type", "name" -> "p." + column;
                case "state_details" -> run.namingBothRuns("CAST(? AS jsonb)");
                default -> "?";
            });
        }
        return Optional.of("WITH p AS (SELECT CAST(? AS uuid) AS run_id, CAST(? AS timestamptz) AS proposed,"
                + " CAST(? AS state_type) AS type, CAST(? AS varchar) AS name, CAST(? AS timestamptz) AS scheduled,"
                + " CAST(? AS timestamptz) AS now, CAST(? AS boolean) AS tracks_flow_run_count,"
                + " CAST(? AS boolean) AS alone),"
                // Locked before anything is written; after waiting for another transition of the run, the row read is
                // the one that transition left.
                + " run AS (SELECT " + currentFields(flowRun) + " FROM " + runTable + " r, p WHERE r.id = p.run_id"
                + " FOR UPDATE OF r),"
                + " ts AS (SELECT " + run.freeTimestamp() + " AS free FROM p),"
                + " inserted AS (INSERT INTO " + stateTable + " (" + names + ") SELECT " + values + " FROM run, ts, p"
                // Alone (autocommit), a subflow is left to a transaction: its parent task run follows in a second statement.
                + (flowRun ? " WHERE NOT p.alone OR run.parent_task_run_id IS NULL" : "")
                + " ON CONFLICT (" + run.runColumn + ", \"timestamp\") DO NOTHING RETURNING id, \"timestamp\"),"
                + " updated AS (UPDATE " + runTable + " r SET " + newFields(flowRun)
                + " FROM run, p, inserted WHERE r.id = run.id RETURNING " + RETURNED_FIELDS + ")"
                + " SELECT u.state_timestamp IS NOT NULL, run." + run.otherRun + ", " + READ_FIELDS
                + " FROM run LEFT JOIN updated u ON true");
    }

    @Override
    public Optional<String> transitionOfRuns(String runTable, String stateTable, List<TypedColumn> proposedColumns,
                                             List<TypedColumn> stateColumns) {
        boolean flowRun = runTable.equals("flow_run");
        RunShape run = new RunShape(runTable, stateTable);
        // p: one row per transition, the shared values as scalar columns beside the unnested arrays. The
        // proposed columns keep their names, the state's are prefixed: its own type and name would clash.
        StringJoiner shared = new StringJoiner(", ");
        StringJoiner arrays = new StringJoiner(", ");
        StringJoiner perRow = new StringJoiner(", ");
        Set<String> proposed = new HashSet<>();
        for (TypedColumn column : proposedColumns) {
            proposed.add(column.sql());
            add(column, column.sql(), shared, arrays, perRow);
        }
        StringJoiner names = new StringJoiner(", ");
        StringJoiner values = new StringJoiner(", ");
        for (TypedColumn column : stateColumns) {
            add(column, stateField(column.sql()), shared, arrays, perRow);
            String value = column.sameAs() == null ? "p." + stateField(column.sql())
                    : proposed.contains(column.sameAs()) ? "p." + column.sameAs() : "p." + stateField(column.sameAs());
            names.add('"' + column.sql() + '"');
            values.add(column.sql().equals("state_details") ? run.namingBothRuns(value) : value);
        }
        names.add("\"timestamp\"");
        values.add("ts.free");
        return Optional.of("WITH p AS (SELECT CAST(? AS timestamptz) AS now, CAST(? AS boolean) AS tracks_flow_run_count,"
                + (shared.length() == 0 ? "" : " " + shared + ",")
                + " u.* FROM unnest(" + arrays + ") AS u(" + perRow + ")),"
                // In id order, so that two batches sharing runs lock them in the same order (no deadlock).
                // Runs by their key (an index probe per run, whatever the table's size was when planned).
                + " run AS (SELECT " + currentFields(flowRun) + " FROM " + runTable + " r"
                + " WHERE r.id = ANY (ARRAY(SELECT run_id FROM p)) ORDER BY r.id FOR UPDATE OF r),"
                + " ts AS (SELECT p.run_id, " + run.freeTimestamp() + " AS free FROM p),"
                + " inserted AS (INSERT INTO " + stateTable + " (" + names + ") SELECT " + values
                + " FROM p JOIN run ON run.id = p.run_id JOIN ts ON ts.run_id = p.run_id"
                + " ON CONFLICT (" + run.runColumn + ", \"timestamp\") DO NOTHING"
                + " RETURNING id, " + run.runColumn + " AS run_id, \"timestamp\"),"
                + " updated AS (UPDATE " + runTable + " r SET " + newFields(flowRun)
                + " FROM run JOIN p ON p.run_id = run.id JOIN inserted ON inserted.run_id = run.id"
                // The ANY repeats the join by key so the table is reached through its index, not scanned and hashed.
                + " WHERE r.id = run.id AND r.id = ANY (ARRAY(SELECT id FROM run)) RETURNING r.id, " + RETURNED_FIELDS + ")"
                + " SELECT u.state_timestamp IS NOT NULL, run." + run.otherRun + ", " + READ_FIELDS + ", run.id"
                + " FROM run LEFT JOIN updated u ON u.id = run.id");
    }

    /** Adds a column of p: a shared value as a scalar parameter, a per-row one as an array; a repeat as nothing. */
    private static void add(TypedColumn column, String field, StringJoiner shared, StringJoiner arrays,
                            StringJoiner perRow) {
        if (column.shared()) {
            shared.add(PostgresBulkWriteSql.sharedParameter(column) + " AS " + field);
        } else if (column.sameAs() == null) {
            arrays.add(PostgresBulkWriteSql.arrayParameter(column));
            perRow.add(field);
        }
    }

    private static String stateField(String column) {
        return "\"s_" + column + '"';
    }

    /** What the statements return of a run written. */
    private static final String RETURNED_FIELDS = "r.state_timestamp, r.start_time, r.end_time, r.run_count,"
            + " r.total_run_time, r.expected_start_time, r.next_scheduled_start_time";
    private static final String READ_FIELDS = "u.state_timestamp, u.start_time, u.end_time, u.run_count,"
            + " u.total_run_time, u.expected_start_time, u.next_scheduled_start_time";

    /** The SQL both statements share about the run's table and its states. */
    private static final class RunShape {
        final String runColumn;
        /** The id the state's details take from the run row. */
        final String otherRun;
        private final String otherKey;
        private final String ownKey;
        private final String states;
        private final String stateTable;

        RunShape(String runTable, String stateTable) {
            boolean flowRun = runTable.equals("flow_run");
            this.runColumn = runTable + "_id";
            this.otherRun = flowRun ? "parent_task_run_id" : "flow_run_id";
            this.otherKey = flowRun ? "task_run_id" : "flow_run_id";
            this.ownKey = flowRun ? "flow_run_id" : "task_run_id";
            this.stateTable = stateTable;
            this.states = stateTable + " s WHERE s." + runColumn + " = p.run_id";
        }

        /** {@code details} with the run's own id (p's) and the other run id of the locked row. */
        String namingBothRuns(String details) {
            return namingOtherRun("jsonb_set(" + details + ", '{" + ownKey + "}', to_jsonb(p.run_id))");
        }

        /** {@code details} with the other run id of the locked row. */
        String namingOtherRun(String details) {
            return "jsonb_set(" + details + ", '{" + otherKey + "}', coalesce(to_jsonb(run." + otherRun + "), 'null'::jsonb))";
        }

        /**
         * The proposed timestamp if free, else the first free microsecond after it: the end of the run of
         * taken microseconds that starts at it.
         */
        String freeTimestamp() {
            // A scalar subquery, not NOT EXISTS: PostgreSQL may answer NOT EXISTS by hashing the whole
            // state table once per statement, which a plan made while the table was small keeps doing.
            return "CASE WHEN (SELECT 1 FROM " + states + " AND s.\"timestamp\" = p.proposed) IS NULL"
                    + " THEN p.proposed ELSE (SELECT min(s.\"timestamp\") FROM " + states
                    + " AND s.\"timestamp\" >= p.proposed AND NOT EXISTS (SELECT 1 FROM " + stateTable + " n WHERE n."
                    + runColumn + " = p.run_id AND n.\"timestamp\" = s.\"timestamp\" + interval '1 microsecond'))"
                    + " + interval '1 microsecond' END";
        }
    }

    /** The locked run's fields the rules read; {@code resuming} is a flow run's pause mark (reference's policy). */
    private static String currentFields(boolean flowRun) {
        String common = "r.id, r.state_type, r.state_timestamp, r.start_time, r.end_time, r.run_count,"
                + " r.total_run_time, r.expected_start_time, r.next_scheduled_start_time, ";
        return common + (flowRun
                ? "r.parent_task_run_id, r.empirical_policy, CASE jsonb_typeof(r.empirical_policy -> 'resuming')"
                + " WHEN 'boolean' THEN (r.empirical_policy ->> 'resuming')::boolean"
                + " WHEN 'string' THEN trim(r.empirical_policy ->> 'resuming') = 'true' ELSE false END AS resuming"
                : "r.flow_run_id, r.flow_run_run_count, false AS resuming");
    }

    /**
     * The reference's global policy as SQL over the locked row ({@code run}) and the state written
     * ({@code inserted}); the shared code's RunStateFields is the same rule set in Java (a batch's rules).
     */
    private static String newFields(boolean flowRun) {
        String terminal = "('COMPLETED', 'FAILED', 'CANCELLED', 'CRASHED')";
        String entersTerminal = "p.type IN " + terminal;
        String ts = "inserted.\"timestamp\"";
        // A flow run resuming from a pause (PAUSED, or marked resuming since) does not count another run.
        String counts = flowRun ? "p.type = 'RUNNING' AND run.state_type IS DISTINCT FROM 'PAUSED' AND NOT run.resuming"
                : "p.type = 'RUNNING'";
        String newResuming = "CASE WHEN p.type = 'RUNNING' OR " + entersTerminal + " THEN false"
                + " WHEN run.state_type = 'PAUSED' AND p.type <> 'PAUSED' THEN true ELSE run.resuming END";
        return "state_id = inserted.id, state_type = p.type, state_name = p.name, state_timestamp = " + ts + ","
                + " start_time = coalesce(run.start_time, CASE WHEN p.type = 'RUNNING' OR " + entersTerminal
                + " THEN " + ts + " END),"
                + " end_time = CASE WHEN " + entersTerminal + " THEN coalesce(run.end_time, " + ts + ")"
                + " WHEN run.state_type IN " + terminal + " THEN NULL ELSE run.end_time END,"
                + " run_count = run.run_count + CASE WHEN " + counts + " THEN 1 ELSE 0 END,"
                + " total_run_time = coalesce(run.total_run_time, interval '0') + CASE WHEN run.state_type = 'RUNNING'"
                + " AND run.state_timestamp IS NOT NULL THEN " + ts + " - run.state_timestamp ELSE interval '0' END,"
                + " expected_start_time = coalesce(run.expected_start_time, CASE WHEN p.type = 'SCHEDULED'"
                + " THEN p.scheduled ELSE " + ts + " END),"
                + " next_scheduled_start_time = CASE WHEN p.type = 'SCHEDULED' THEN p.scheduled"
                + " WHEN run.state_type = 'SCHEDULED' THEN NULL ELSE run.next_scheduled_start_time END,"
                + " updated = p.now, "
                + (flowRun
                ? "empirical_policy = CASE WHEN (" + newResuming + ") = run.resuming THEN run.empirical_policy"
                + " ELSE CASE WHEN jsonb_typeof(run.empirical_policy) = 'object' THEN run.empirical_policy"
                + " ELSE '{}'::jsonb END || jsonb_build_object('resuming', " + newResuming + ") END"
                : "flow_run_run_count = CASE WHEN p.tracks_flow_run_count AND p.type = 'RUNNING'"
                + " AND run.flow_run_id IS NOT NULL THEN coalesce((SELECT f.run_count FROM flow_run f"
                + " WHERE f.id = run.flow_run_id), 0) ELSE run.flow_run_run_count END");
    }
}
