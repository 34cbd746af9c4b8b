package io.stratum.queries.internal;

import io.stratum.api.Dialect;
import io.stratum.api.StratumException;
import io.stratum.api.model.FlowRun;
import io.stratum.api.model.StateType;
import io.stratum.api.query.ScheduledRunInserts;
import io.stratum.api.spi.InputBounds;
import io.stratum.orm.model.FlowRunEntity;
import io.stratum.orm.model.FlowRunStateEntity;
import io.stratum.orm.types.Timestamps;
import io.stratum.api.spi.BulkWriteSql;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The scheduler's insert (see {@link ScheduledRunInserts}): one statement per call where the dialect has
 * one ({@link BulkWriteSql#scheduledRunInsert}, PostgreSQL: every column as one array), otherwise the runs
 * and then the states of the runs inserted, sent as the dialect sends rows ({@link
 * BulkWriteSql#rowStatements()}: SQLite runs one prepared single-row INSERT per row as a JDBC batch). Only
 * the columns some run sets, or that have a table default, are written; the table fills the rest.
 */
final class OrmScheduledRunInserts implements ScheduledRunInserts {
    static final String SCHEDULED_NAME = "Scheduled";
    static final String SCHEDULED_MESSAGE = "Flow run scheduled";
    private static final String SKIP_EXISTING = " ON CONFLICT (flow_id, idempotency_key) DO NOTHING";
    private static final String STATE_DETAILS = "state_details";

    private final Dialect dialect;
    private final DialectSql dialectSql;
    private final EntityTable.Cache tables = new EntityTable.Cache();
    private final LiveColumns liveColumns = new LiveColumns();
    private final ScheduledDetailsText detailsText = new ScheduledDetailsText();

    OrmScheduledRunInserts(Dialect dialect, DialectSql dialectSql) {
        this.dialect = dialect;
        this.dialectSql = dialectSql;
    }

    @Override
    public List<UUID> insertScheduledFlowRuns(EntityManager session, List<? extends FlowRun> runs) {
        if (runs == null) {
            throw new StratumException("insertScheduledFlowRuns got no list of runs: pass a (possibly empty) list.");
        }
        InputBounds.requireSizeAtMost("insertScheduledFlowRuns runs", runs, MAX_RUNS, "insert them in several calls");
        List<FlowRunEntity> entities = new ArrayList<>(runs.size());
        for (int i = 0; i < runs.size(); i++) {
            entities.add(checked(session, i, runs.get(i)));
        }
        if (entities.isEmpty()) {
            return List.of();
        }
        TransactionSql sql = TransactionSql.of(session, dialectSql, "inserting scheduled flow runs");
        Instant now = Timestamps.now();
        List<FlowRunStateEntity> states = new ArrayList<>(entities.size());
        List<Instant> scheduledTimes = new ArrayList<>(entities.size());
        for (FlowRunEntity run : entities) {
            Instant scheduled = Timestamps.micros(run.getNextScheduledStartTime());
            scheduledTimes.add(scheduled);
            FlowRunStateEntity state = new FlowRunStateEntity(StateType.SCHEDULED, SCHEDULED_NAME);
            state.setFlowRunId(run.getId());
            state.setTimestamp(now);
            // Created with its timestamp, as the call's one value: bound once, not once per state.
            state.setCreated(now);
            state.setUpdated(now);
            state.setMessage(SCHEDULED_MESSAGE);
            state.setStateDetails(ScheduledDetailsText.details(scheduled));
            states.add(state);
            run.setStateType(StateType.SCHEDULED);
            run.setStateName(SCHEDULED_NAME);
            run.setStateTimestamp(now);
            run.setNextScheduledStartTime(scheduled);
            if (run.getExpectedStartTime() == null) {
                run.setExpectedStartTime(scheduled);
            }
            // Checked at commit (DEFERRABLE INITIALLY DEFERRED): the state row follows in this transaction.
            run.setStateId(state.getId());
        }

        EntityTable runTable = tables.of(session, FlowRunEntity.class);
        EntityTable stateTable = tables.of(session, FlowRunStateEntity.class);
        Rows runRows = rows(sql, session, runTable, entities, "id", Map.of());
        Rows stateRows = rows(sql, session, stateTable, states, "flow_run_id",
                Map.of(STATE_DETAILS, detailsText.of(scheduledTimes)));
        Optional<String> oneStatement = dialectSql.bulk().scheduledRunInsert(runRows.typed(), stateRows.typed());
        Set<UUID> inserted;
        if (oneStatement.isPresent()) {
            inserted = new HashSet<>(sql.query(oneStatement.get(), statement -> {
                int index = 1;
                for (Rows rows : List.of(runRows, stateRows)) {
                    for (boolean shared : new boolean[] {true, false}) {
                        for (int column = 0; column < rows.columns.size(); column++) {
                            BulkWriteSql.TypedColumn typed = rows.typed().get(column);
                            if (shared ? typed.shared() : typed.perRow()) {
                                dialectSql.bulk().bindColumn(statement, index++, typed,
                                        shared ? rows.column(column).subList(0, 1) : rows.column(column));
                            }
                        }
                    }
                }
            }, row -> dialectSql.values().readUuid(row, 1)));
        } else {
            inserted = insertRuns(sql, runTable, runRows, entities);
        }

        List<UUID> insertedInOrder = new ArrayList<>(inserted.size());
        List<Integer> insertedRows = new ArrayList<>(inserted.size());
        for (int i = 0; i < entities.size(); i++) {
            FlowRunEntity run = entities.get(i);
            if (inserted.contains(run.getId())) {
                insertedInOrder.add(run.getId());
                insertedRows.add(i);
            } else {
                run.setStateId(null);
            }
        }
        if (oneStatement.isEmpty() && !insertedRows.isEmpty()) {
            insertStates(sql, stateTable, stateRows, insertedRows);
        }
        return insertedInOrder;
    }

    /**
     * Row by row, as the dialect sends rows: a batch of one prepared single-row INSERT (its update counts
     * say which runs were inserted), or multi-row INSERTs with RETURNING under the bind-parameter limit.
     */
    private Set<UUID> insertRuns(TransactionSql sql, EntityTable runTable, Rows runs, List<FlowRunEntity> entities) {
        String single = runTable.insertSql(runs.columns) + SKIP_EXISTING;
        Set<UUID> inserted = new HashSet<>();
        if (dialectSql.bulk().rowStatements() == BulkWriteSql.RowStatements.BATCHED_SINGLE_ROW) {
            int[] counts = sql.batch(single, runs.flat(allRows(entities.size())), runs.columns.size());
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] > 0) {
                    inserted.add(entities.get(i).getId());
                }
            }
            return inserted;
        }
        int perStatement = Batches.rowsPerStatement(dialect, runs.columns.size());
        for (List<Integer> slice : Batches.slices(allRows(entities.size()), perStatement)) {
            inserted.addAll(sql.query(multiRow(runTable, runs.columns, slice.size()) + SKIP_EXISTING + " RETURNING id",
                    row -> dialectSql.values().readUuid(row, 1), runs.flat(slice).toArray()));
        }
        return inserted;
    }

    private void insertStates(TransactionSql sql, EntityTable stateTable, Rows states, List<Integer> rows) {
        if (dialectSql.bulk().rowStatements() == BulkWriteSql.RowStatements.BATCHED_SINGLE_ROW) {
            sql.batch(stateTable.insertSql(states.columns), states.flat(rows), states.columns.size());
            return;
        }
        for (List<Integer> slice : Batches.slices(rows, Batches.rowsPerStatement(dialect, states.columns.size()))) {
            sql.update(multiRow(stateTable, states.columns, slice.size()), states.flat(slice).toArray());
        }
    }

    private static List<Integer> allRows(int count) {
        List<Integer> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add(i);
        }
        return rows;
    }

    /**
     * Every entity's values of the columns worth writing: those some entity gives another value than the
     * table's default, and those with a table default some entity holds null for (a null the entity holds
     * stays null, as an INSERT of every column would store it). A column that is null in every row and has
     * no default, or that holds its constant default in every row, is left to the table. A column whose
     * rows all hold the same value is marked shared (sent once where the dialect can), except
     * {@code perRow}; one repeating an earlier per-row column's values in every row is marked as the same
     * as that one (a new run's {@code updated} is its {@code created}, its expected start its scheduled
     * time), so the one-statement insert sends those values once. Columns in {@code storedForms} take
     * the values given there (see {@link EntityTable#columnValues}).
     */
    private Rows rows(TransactionSql sql, EntityManager session, EntityTable table, List<?> entities, String perRow,
                      Map<String, Object[]> storedForms) {
        List<LiveColumns.LiveColumn> live = liveColumns.of(sql, table);
        List<EntityTable.Column> all = table.columns();
        List<Object[]> values = table.columnValues(all, entities, session, storedForms);
        List<EntityTable.Column> columns = new ArrayList<>(all.size());
        List<Object[]> kept = new ArrayList<>(all.size());
        List<BulkWriteSql.TypedColumn> typed = new ArrayList<>(all.size());
        for (int c = 0; c < all.size(); c++) {
            EntityTable.Column column = all.get(c);
            LiveColumns.LiveColumn stored = live.get(c);
            Object[] columnValues = values.get(c);
            boolean anyValue = false;
            boolean shared = !stored.name().equals(perRow);
            boolean allDefault = stored.constantDefault() != null;
            Object first = columnValues[0];
            for (Object value : columnValues) {
                anyValue |= value != null;
                // The same object when the entities share a value (see EntityTable.columnValues).
                shared &= value == first || java.util.Objects.equals(first, value);
                allDefault &= isDefault(value, stored);
            }
            if ((anyValue || stored.hasDefault()) && !allDefault) {
                String sameAs = shared || stored.name().equals(perRow) ? null : repeated(columnValues, stored, kept, typed);
                columns.add(column);
                kept.add(columnValues);
                typed.add(new BulkWriteSql.TypedColumn(column.sql(), stored.typeName(), shared, sameAs));
            }
        }
        return new Rows(columns, typed, kept);
    }

    /**
     * The SQL name of the kept per-row column of the same type holding {@code values} in every row (the
     * same objects, as a new entity's {@code updated} is its {@code created}), or {@code null}.
     */
    private static String repeated(Object[] values, LiveColumns.LiveColumn stored, List<Object[]> kept,
                                   List<BulkWriteSql.TypedColumn> typed) {
        for (int c = 0; c < kept.size(); c++) {
            if (typed.get(c).perRow() && typed.get(c).typeName().equals(stored.typeName())
                    && sameValues(values, kept.get(c))) {
                return typed.get(c).sql();
            }
        }
        return null;
    }

    private static boolean sameValues(Object[] values, Object[] other) {
        for (int row = 0; row < values.length; row++) {
            if (values[row] != other[row] && (values[row] == null || !values[row].equals(other[row]))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the table would store the same as {@code value} without it: the column's default is a
     * constant whose text is the value's (JSON text, a number, a boolean, a string). Other values (times,
     * intervals, ids) are never left out.
     */
    private static boolean isDefault(Object value, LiveColumns.LiveColumn column) {
        return (value instanceof String || value instanceof Number || value instanceof Boolean)
                && value.toString().equals(column.constantDefault());
    }

    /** The kept columns of the rows, each column's values in row order. */
    private record Rows(List<EntityTable.Column> columns, List<BulkWriteSql.TypedColumn> typed, List<Object[]> byColumn) {

        /** Column {@code index} (of the kept ones) of every row. */
        List<Object> column(int index) {
            return java.util.Arrays.asList(byColumn.get(index));
        }

        /** The kept values of the given rows, row after row. */
        List<Object> flat(List<Integer> rows) {
            List<Object> flat = new ArrayList<>(rows.size() * byColumn.size());
            for (int row : rows) {
                for (Object[] column : byColumn) {
                    flat.add(column[row]);
                }
            }
            return flat;
        }
    }

    private static FlowRunEntity checked(EntityManager session, int index, FlowRun run) {
        if (run == null) {
            throw new StratumException("runs[" + index + "] is null; pass only new flow runs (db.flowRun()). "
                    + "Nothing was written.");
        }
        FlowRunEntity entity = Upserts.requireNew(session, run, FlowRunEntity.class, "db.flowRun()");
        String missing = entity.getFlowId() == null ? "flow_id"
                : entity.getNextScheduledStartTime() == null ? "next_scheduled_start_time (its scheduled time)"
                : null;
        if (missing != null) {
            throw new StratumException("runs[" + index + "] (flow run " + entity.getId() + ") has no " + missing
                    + "; every scheduled run needs its flow and its scheduled time. Nothing was written.");
        }
        return entity;
    }

    /** {@code INSERT INTO table (columns) VALUES (…), (…)} for {@code rows} rows of every column. */
    private static String multiRow(EntityTable table, List<EntityTable.Column> columns, int rows) {
        String single = table.insertSql(columns);
        String row = single.substring(single.lastIndexOf(" VALUES ") + " VALUES ".length());
        StringBuilder sql = new StringBuilder(single.length() + rows * (row.length() + 2)).append(single);
        for (int i = 1; i < rows; i++) {
            sql.append(", ").append(row);
        }
        return sql.toString();
    }
}
