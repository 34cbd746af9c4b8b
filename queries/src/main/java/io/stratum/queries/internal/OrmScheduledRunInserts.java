package io.stratum.queries.internal;

import io.stratum.api.Dialect;
import io.stratum.api.StratumException;
import io.stratum.api.model.FlowRun;
import io.stratum.api.model.StateType;
import io.stratum.api.query.ScheduledRunInserts;
import io.stratum.api.spi.InputBounds;
import io.stratum.orm.model.FlowRunEntity;
import io.stratum.orm.model.FlowRunStateEntity;
import io.stratum.orm.types.StateDetails;
import io.stratum.orm.types.Timestamps;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The scheduler's insert (see {@link ScheduledRunInserts}): per slice of runs that fits the bind-parameter
 * limit, one multi-row {@code INSERT … ON CONFLICT DO NOTHING RETURNING id} of runs and one multi-row
 * INSERT of the states of the runs it returned. The same SQL on both databases (SQLite ≥ 3.35 returns rows).
 */
final class OrmScheduledRunInserts implements ScheduledRunInserts {
    static final String SCHEDULED_NAME = "Scheduled";
    static final String SCHEDULED_MESSAGE = "Flow run scheduled";
    private static final String SKIP_EXISTING = " ON CONFLICT (flow_id, idempotency_key) DO NOTHING RETURNING id";

    private final Dialect dialect;
    private final DialectSql dialectSql;
    private final EntityTable.Cache tables = new EntityTable.Cache();

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
        for (FlowRunEntity run : entities) {
            Instant scheduled = Timestamps.micros(run.getNextScheduledStartTime());
            FlowRunStateEntity state = new FlowRunStateEntity(StateType.SCHEDULED, SCHEDULED_NAME);
            state.setFlowRunId(run.getId());
            state.setTimestamp(now);
            state.setMessage(SCHEDULED_MESSAGE);
            state.setStateDetails(StateDetails.empty().withScheduledTime(scheduled));
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
        List<EntityTable.Column> runColumns = runTable.columns();
        Set<UUID> inserted = new HashSet<>();
        int runsPerStatement = Batches.rowsPerStatement(dialect, runColumns.size());
        for (List<FlowRunEntity> slice : Batches.slices(entities, runsPerStatement)) {
            List<Object> values = new ArrayList<>(slice.size() * runColumns.size());
            for (FlowRunEntity run : slice) {
                values.addAll(runTable.values(runColumns, run, session));
            }
            inserted.addAll(sql.query(multiRow(runTable, runColumns, slice.size()) + SKIP_EXISTING,
                    row -> dialectSql.values().readUuid(row, 1), values.toArray()));
        }

        List<UUID> insertedInOrder = new ArrayList<>(inserted.size());
        List<FlowRunStateEntity> insertedStates = new ArrayList<>(inserted.size());
        for (int i = 0; i < entities.size(); i++) {
            FlowRunEntity run = entities.get(i);
            if (inserted.contains(run.getId())) {
                insertedInOrder.add(run.getId());
                insertedStates.add(states.get(i));
            } else {
                run.setStateId(null);
            }
        }
        if (insertedStates.isEmpty()) {
            return insertedInOrder;
        }
        EntityTable stateTable = tables.of(session, FlowRunStateEntity.class);
        List<EntityTable.Column> stateColumns = stateTable.columns();
        for (List<FlowRunStateEntity> slice : Batches.slices(insertedStates,
                Batches.rowsPerStatement(dialect, stateColumns.size()))) {
            List<Object> values = new ArrayList<>(slice.size() * stateColumns.size());
            for (FlowRunStateEntity state : slice) {
                values.addAll(stateTable.values(stateColumns, state, session));
            }
            sql.update(multiRow(stateTable, stateColumns, slice.size()), values.toArray());
        }
        return insertedInOrder;
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
