package io.stratum.queries.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratum.api.StratumException;
import io.stratum.api.model.FlowRunState;
import io.stratum.api.model.StateType;
import io.stratum.api.model.TaskRunState;
import io.stratum.api.query.StateTransitions;
import io.stratum.api.query.TransitionResult;
import io.stratum.api.spi.StorageValues;
import io.stratum.orm.model.FlowRunStateEntity;
import io.stratum.orm.model.StateEntity;
import io.stratum.orm.model.TaskRunStateEntity;
import io.stratum.orm.types.Json;
import io.stratum.orm.types.StateDetails;
import io.stratum.orm.types.Timestamps;
import jakarta.persistence.EntityManager;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * State transitions in three statements: read the run with a row lock, insert the state, update the run
 * (see {@link StateTransitions}). The bookkeeping itself is {@link RunStateFields#enter}.
 */
final class RunStateTransitions implements StateTransitions {
    /** Timestamps tried after a collision before giving up (only a history written by others can collide). */
    private static final int MAX_TIMESTAMP_ATTEMPTS = 1000;

    private final DialectSql dialect;
    private final EntityTable.Cache tables = new EntityTable.Cache();
    /** The INSERT of each state class, built once: a transition is a hot path. */
    private final java.util.Map<Class<?>, String> stateInserts = new java.util.concurrent.ConcurrentHashMap<>();
    private final RunKind flowRuns;
    private final RunKind taskRuns;

    RunStateTransitions(DialectSql dialect) {
        this.dialect = dialect;
        this.flowRuns = new RunKind("flow run", "flow_run", "flow_run_id", "empirical_policy, parent_task_run_id",
                dialect);
        this.taskRuns = new RunKind("task run", "task_run", "task_run_id", "flow_run_id, flow_run_run_count, "
                + "(SELECT f.run_count FROM flow_run f WHERE f.id = task_run.flow_run_id)", dialect);
    }

    @Override
    public TransitionResult setFlowRunState(EntityManager session, UUID flowRunId, FlowRunState state) {
        if (!(state instanceof FlowRunStateEntity)) {
            throw new IllegalArgumentException("The state must be a new " + FlowRunStateEntity.class.getName()
                    + " (db.flowRunState()), not " + describe(state) + ".");
        }
        FlowRunStateEntity entity = (FlowRunStateEntity) state;
        return transition(session, flowRuns, flowRunId, entity, () -> entity.setFlowRunId(flowRunId), true);
    }

    @Override
    public TransitionResult setTaskRunState(EntityManager session, UUID taskRunId, TaskRunState state) {
        if (!(state instanceof TaskRunStateEntity)) {
            throw new IllegalArgumentException("The state must be a new " + TaskRunStateEntity.class.getName()
                    + " (db.taskRunState()), not " + describe(state) + ".");
        }
        TaskRunStateEntity entity = (TaskRunStateEntity) state;
        return transition(session, taskRuns, taskRunId, entity, () -> entity.setTaskRunId(taskRunId), true);
    }

    /**
     * @param tracksFlowRunCount whether a task run entering RUNNING records its flow run's run count (the
     *                           reference's core task policy; not when a subflow forces its parent task run)
     */
    private TransitionResult transition(EntityManager session, RunKind kind, UUID runId, StateEntity state,
                                        Runnable attachToRun, boolean tracksFlowRunCount) {
        if (runId == null) {
            throw new IllegalArgumentException("The " + kind.name + " id is null.");
        }
        if (state.getType() == null || state.getName() == null || state.getTimestamp() == null) {
            throw new IllegalArgumentException("The new state of " + kind.name + " " + runId + " needs a type, a name "
                    + "and a timestamp; it has type " + state.getType() + ", name " + state.getName() + ", timestamp "
                    + state.getTimestamp() + ".");
        }
        if (session != null && session.isOpen() && session.contains(state)) {
            throw new IllegalArgumentException("State " + state.getId() + " is already persisted in this session; "
                    + "pass a new state object.");
        }
        TransactionSql sql = TransactionSql.of(session, dialect, "setting the state of " + kind.name + " " + runId);

        LockedRun run = sql.queryOne(kind.lockSql, row -> readLockedRun(row, kind), runId)
                .orElseThrow(() -> new StratumException("No " + kind.name + " has id " + runId + ": nothing was written. "
                        + "Create the " + kind.name + " first (in this transaction or an earlier one)."));
        RunStateFields before = kind.isFlowRun() ? withResuming(run.fields(), run.policyJson()) : run.fields();

        attachToRun.run();
        // The reference's UpdateStateDetails, and UpdateSubflowStateDetails: a subflow's states name the task
        // run that represents it in the parent flow run.
        state.setStateDetails(withRunIds(state.getStateDetails(), kind.isFlowRun() ? runId : run.flowRunId(),
                kind.isFlowRun() ? run.parentTaskRunId() : runId));
        // A free timestamp is kept, also one earlier than the current state's (callers backdate on purpose).
        state.setTimestamp(Timestamps.micros(state.getTimestamp()));
        insertState(sql, kind, runId, session, state);

        RunStateFields after = before.enter(kind.isFlowRun(), state.getType(), state.getName(), state.getTimestamp(),
                state.getStateDetails().scheduledTime());
        // The reference's UpdateFlowRunTrackerOnTasks: a task run entering RUNNING records which run of its
        // flow run it belongs to.
        int flowRunRunCount = tracksFlowRunCount && !kind.isFlowRun() && state.getType() == StateType.RUNNING
                && run.flowRunId() != null ? run.flowRunRunCountNow() : run.flowRunRunCount();
        updateRun(sql, kind, runId, state.getId(), before, after, run.policyJson(), flowRunRunCount);
        if (kind.isFlowRun() && run.parentTaskRunId() != null) {
            // The reference's UpdateSubflowParentTask: the parent task run follows its subflow's state, with
            // the global bookkeeping only (a forced transition).
            TaskRunStateEntity parentState = ParentTaskStates.following((FlowRunStateEntity) state, runId);
            transition(session, taskRuns, run.parentTaskRunId(), parentState,
                    () -> parentState.setTaskRunId(run.parentTaskRunId()), false);
        }
        return new TransitionResult(state.getId(), after.stateType(), after.stateName(), after.stateTimestamp(),
                after.startTime(), after.endTime(), after.runCount(), after.totalRunTime(), after.expectedStartTime(),
                after.nextScheduledStartTime());
    }

    /**
     * Reads the row of {@link RunKind#lockSql}: the state fields, then for flow runs {@code empirical_policy}
     * and {@code parent_task_run_id}, for task runs {@code flow_run_id}, {@code flow_run_run_count} and the
     * {@code run_count} of that flow run.
     */
    private LockedRun readLockedRun(java.sql.ResultSet row, RunKind kind) throws java.sql.SQLException {
        StorageValues values = dialect.values();
        String type = row.getString(1);
        RunStateFields fields = new RunStateFields(type == null ? null : StateType.valueOf(type), null,
                values.readTimestamp(row, 2), values.readTimestamp(row, 3), values.readTimestamp(row, 4), row.getInt(5),
                values.readInterval(row, 6), values.readTimestamp(row, 7), values.readTimestamp(row, 8), false);
        return kind.isFlowRun()
                ? new LockedRun(fields, null, row.getString(9), values.readUuid(row, 10), 0, 0)
                : new LockedRun(fields, values.readUuid(row, 9), null, null, row.getInt(10), row.getInt(11));
    }

    /** Inserts the state, moving its timestamp forward 1 µs at a time while another state of the run has it. */
    private void insertState(TransactionSql sql, RunKind kind, UUID runId, EntityManager session, StateEntity state) {
        EntityTable table = tables.of(session, state.getClass());
        List<EntityTable.Column> columns = table.columns();
        int timestampIndex = columns.indexOf(table.column("timestamp"));
        Object[] values = table.values(columns, state, session).toArray();
        String insert = stateInserts.computeIfAbsent(state.getClass(), type -> table.insertSql(columns)
                + " ON CONFLICT (" + kind.stateRunColumn + ", \"timestamp\") DO NOTHING");
        for (int attempt = 0; attempt < MAX_TIMESTAMP_ATTEMPTS; attempt++) {
            values[timestampIndex] = state.getTimestamp();
            if (sql.update(insert, values) == 1) {
                return;
            }
            state.setTimestamp(state.getTimestamp().plus(1, ChronoUnit.MICROS));
        }
        throw new StratumException("Could not insert the new state of " + kind.name + " " + runId + ": the "
                + MAX_TIMESTAMP_ATTEMPTS + " microseconds before " + state.getTimestamp() + " are all taken by other "
                + "states of the run. Nothing was written.");
    }

    private void updateRun(TransactionSql sql, RunKind kind, UUID runId, UUID stateId, RunStateFields before,
                           RunStateFields after, String policyJson, int flowRunRunCount) {
        Object[] fields = {stateId, after.stateType(), after.stateName(), after.stateTimestamp(), after.startTime(),
                after.endTime(), after.runCount(), after.totalRunTime(), after.expectedStartTime(),
                after.nextScheduledStartTime(), Timestamps.now()};
        if (!kind.isFlowRun()) {
            Object[] withCount = java.util.Arrays.copyOf(fields, fields.length + 2);
            withCount[fields.length] = flowRunRunCount;
            withCount[fields.length + 1] = runId;
            sql.update(kind.updateSql, withCount);
        } else if (after.resuming() != before.resuming()) {
            Object[] withPolicy = java.util.Arrays.copyOf(fields, fields.length + 2);
            withPolicy[fields.length] = policyWithResuming(policyJson, after.resuming());
            withPolicy[fields.length + 1] = runId;
            sql.update(kind.updateWithPolicySql, withPolicy);
        } else {
            Object[] withId = java.util.Arrays.copyOf(fields, fields.length + 1);
            withId[fields.length] = runId;
            sql.update(kind.updateSql, withId);
        }
    }

    private static RunStateFields withResuming(RunStateFields fields, String policyJson) {
        boolean resuming = policyJson != null
                && Json.tree(policyJson, "flow_run.empirical_policy").path("resuming").asBoolean(false);
        return new RunStateFields(fields.stateType(), fields.stateName(), fields.stateTimestamp(), fields.startTime(),
                fields.endTime(), fields.runCount(), fields.totalRunTime(), fields.expectedStartTime(),
                fields.nextScheduledStartTime(), resuming);
    }

    private static String policyWithResuming(String policyJson, boolean resuming) {
        JsonNode tree = policyJson == null ? null : Json.tree(policyJson, "flow_run.empirical_policy");
        ObjectNode policy = tree instanceof ObjectNode ? (ObjectNode) tree : Json.mapper().createObjectNode();
        policy.put("resuming", resuming);
        return Json.write(policy, "flow_run.empirical_policy");
    }

    /** The reference's UpdateStateDetails: a state names its flow run (and task run). */
    private static StateDetails withRunIds(StateDetails details, UUID flowRunId, UUID taskRunId) {
        StateDetails d = details == null ? StateDetails.empty() : details;
        return new StateDetails(flowRunId, taskRunId, d.childFlowRunId(), d.scheduledTime(), d.cacheKey(),
                d.cacheExpiration(), d.deferred(), d.untrackableResult(), d.pauseTimeout(), d.pauseReschedule(),
                d.pauseKey(), d.runInputKeyset(), d.refreshCache(), d.retriable(), d.transitionId(),
                d.taskParametersId(), d.traceparent(), d.deploymentConcurrencyLeaseId());
    }

    private static String describe(Object state) {
        return state == null ? "null" : state.getClass().getName();
    }

    /**
     * The run as locked: its state fields; for flow runs its policy text and parent task run; for task runs
     * its flow run, its {@code flow_run_run_count} and that flow run's {@code run_count} now.
     */
    private record LockedRun(RunStateFields fields, UUID flowRunId, String policyJson, UUID parentTaskRunId,
                             int flowRunRunCount, int flowRunRunCountNow) {
    }

    /** The SQL of one kind of run. */
    private static final class RunKind {
        private static final String FIELDS = "state_type, state_timestamp, start_time, end_time, run_count, "
                + "total_run_time, expected_start_time, next_scheduled_start_time";
        private static final String SET_FIELDS = "state_id = ?, state_type = ?, state_name = ?, state_timestamp = ?, "
                + "start_time = ?, end_time = ?, run_count = ?, total_run_time = ?, expected_start_time = ?, "
                + "next_scheduled_start_time = ?, updated = ?";

        final String name;
        final String runTable;
        final String stateRunColumn;
        final String lockSql;
        final String updateSql;
        final String updateWithPolicySql;

        RunKind(String name, String runTable, String stateRunColumn, String extraColumns, DialectSql dialect) {
            this.name = name;
            this.runTable = runTable;
            this.stateRunColumn = stateRunColumn;
            this.lockSql = "SELECT " + FIELDS + ", " + extraColumns + " FROM " + runTable + " WHERE id = ?"
                    + dialect.locks().forUpdate();
            this.updateSql = "UPDATE " + runTable + " SET " + SET_FIELDS
                    + (isFlowRun() ? "" : ", flow_run_run_count = ?") + " WHERE id = ?";
            this.updateWithPolicySql = "UPDATE " + runTable + " SET " + SET_FIELDS + ", empirical_policy = ? WHERE id = ?";
        }

        boolean isFlowRun() {
            return runTable.equals("flow_run");
        }
    }
}
