package io.stratum.queries.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratum.api.DatabaseInterface;
import io.stratum.api.DatabaseUnavailableException;
import io.stratum.api.StratumException;
import io.stratum.api.model.FlowRunState;
import io.stratum.api.model.StateType;
import io.stratum.api.model.TaskRunState;
import io.stratum.api.query.ProposedState;
import io.stratum.api.query.StateTransitions;
import io.stratum.api.query.TransitionOutcome;
import io.stratum.api.query.TransitionResult;
import io.stratum.api.spi.StorageValues;
import io.stratum.api.spi.TransitionSql;
import io.stratum.orm.model.FlowRunStateEntity;
import io.stratum.orm.model.StateEntity;
import io.stratum.orm.model.TaskRunStateEntity;
import io.stratum.orm.types.Json;
import io.stratum.orm.types.StateDetails;
import io.stratum.orm.types.Timestamps;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * State transitions of one run or of a batch of runs (see {@link StateTransitions}). Where the dialect has
 * one statement for a batch ({@link io.stratum.api.spi.TransitionSql#transitionOfRuns}, PostgreSQL), each
 * round of distinct runs is that statement: the database locks the runs and applies the bookkeeping to
 * their current fields. Otherwise (SQLite): lock and read the round's runs in one statement, apply the
 * bookkeeping of {@link RunStateFields#enter} to each, then write the states and the runs (two JDBC
 * batches). A single transition is one statement where the dialect has one (see
 * {@link io.stratum.api.spi.TransitionSql#transitionOfOneRun}: the database applies the same rules to the
 * locked row; the bulk contract compares both paths), else a batch of one. Without a caller's session a
 * transition is that one statement in autocommit (a transaction of its own, one round trip), or, for a
 * subflow or a dialect without the statement, a for-update transaction of its own.
 */
final class RunStateTransitions implements StateTransitions {
    /** Timestamps tried after a collision before giving up (only a history written by others can collide). */
    private static final int MAX_TIMESTAMP_ATTEMPTS = 1000;
    /** Bounds the statement texts kept (see {@link #statementTexts}); reached only by unusual mixes of values. */
    private static final int MAX_STATEMENT_SHAPES = 64;
    /**
     * The columns a transition sets on every run, in the order a run's new values are gathered (after
     * {@code id}; then a flow run's policy or a task run's flow run count).
     */
    private static final List<String> RUN_COLUMNS = List.of("state_id", "state_type", "state_name", "state_timestamp",
            "start_time", "end_time", "run_count", "total_run_time", "expected_start_time", "next_scheduled_start_time",
            "updated");

    private final DatabaseInterface database;
    private final DialectSql dialect;
    private final EntityTable.Cache tables = new EntityTable.Cache();
    private final Map<Class<?>, Optional<String>> oneRunStatements = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<Class<?>, Optional<ManyRunsStatement>> manyRunsStatements =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** The texts of the many-runs statement by shape (see TransitionBatch): a few per state class in practice. */
    private final Map<List<Object>, String> statementTexts = new java.util.concurrent.ConcurrentHashMap<>();
    private final LiveColumns liveColumns = new LiveColumns();
    /**
     * The state columns the one-run statement binds, in order, per state class (see
     * TransitionSql#transitionOfOneRun): all but the timestamp it chooses and the run id, type and name it
     * takes from the proposed values.
     */
    private final Map<Class<?>, List<EntityTable.Column>> oneRunColumns = new java.util.concurrent.ConcurrentHashMap<>();
    /** The single-row state INSERT of each state class: built once, not per transition. */
    private final Map<Class<?>, String> stateInserts = new java.util.concurrent.ConcurrentHashMap<>();
    private final RunKind flowRuns;
    private final RunKind taskRuns;
    /** Whether the many-runs statement is sent between the dialect's kept plan's settings (see BulkWriteSql#keptPlan). */
    private final boolean keptPlan;

    RunStateTransitions(DatabaseInterface database, DialectSql dialect) {
        this.database = database;
        this.dialect = dialect;
        this.keptPlan = dialect.bulk().keptPlan().isPresent();
        this.flowRuns = new RunKind("flow run", "flow_run", "flow_run_id", "empirical_policy, parent_task_run_id",
                dialect);
        this.taskRuns = new RunKind("task run", "task_run", "task_run_id", "flow_run_id, flow_run_run_count, "
                + "(SELECT f.run_count FROM flow_run f WHERE f.id = task_run.flow_run_id)", dialect);
    }

    @Override
    public TransitionResult setFlowRunState(EntityManager session, UUID flowRunId, FlowRunState state) {
        return single(session, flowRuns, flowRunId, flowRunState(state));
    }

    @Override
    public TransitionResult setTaskRunState(EntityManager session, UUID taskRunId, TaskRunState state) {
        return single(session, taskRuns, taskRunId, taskRunState(state));
    }

    @Override
    public TransitionResult setFlowRunState(UUID flowRunId, FlowRunState state) {
        return alone(flowRuns, flowRunId, flowRunState(state));
    }

    @Override
    public TransitionResult setTaskRunState(UUID taskRunId, TaskRunState state) {
        return alone(taskRuns, taskRunId, taskRunState(state));
    }

    @Override
    public List<TransitionOutcome> setFlowRunStates(EntityManager session,
                                                    List<ProposedState<FlowRunState>> transitions) {
        return bulk(session, flowRuns, transitions, RunStateTransitions::flowRunState);
    }

    @Override
    public List<TransitionOutcome> setTaskRunStates(EntityManager session,
                                                    List<ProposedState<TaskRunState>> transitions) {
        return bulk(session, taskRuns, transitions, RunStateTransitions::taskRunState);
    }

    private static StateEntity flowRunState(FlowRunState state) {
        if (!(state instanceof FlowRunStateEntity)) {
            throw new IllegalArgumentException("The state must be a new " + FlowRunStateEntity.class.getName()
                    + " (db.flowRunState()), not " + describe(state) + ".");
        }
        return (StateEntity) state;
    }

    private static StateEntity taskRunState(TaskRunState state) {
        if (!(state instanceof TaskRunStateEntity)) {
            throw new IllegalArgumentException("The state must be a new " + TaskRunStateEntity.class.getName()
                    + " (db.taskRunState()), not " + describe(state) + ".");
        }
        return (StateEntity) state;
    }

    private TransitionResult single(EntityManager session, RunKind kind, UUID runId, StateEntity state) {
        validate(session, kind, runId, state);
        TransactionSql sql = TransactionSql.of(session, dialect, "setting the state of " + kind.name + " " + runId);
        Optional<String> oneStatement = oneRunStatement(session, kind, state);
        TransitionOutcome outcome = oneStatement.isPresent()
                ? inOneStatement(sql, session, kind, oneStatement.get(), runId, state, true, false)
                : apply(sql, session, kind, List.of(new Item(runId, state)), true).get(0);
        return applied(kind, runId, outcome);
    }

    private static TransitionResult applied(RunKind kind, UUID runId, TransitionOutcome outcome) {
        if (outcome instanceof TransitionOutcome.Applied applied) {
            return applied.result();
        }
        throw new StratumException("No " + kind.name + " has id " + runId + ": nothing was written. "
                + "Create the " + kind.name + " first (in this transaction or an earlier one).");
    }

    /**
     * A transition that is its own transaction. Where the dialect has one statement for it, that statement
     * runs in autocommit on a pooled connection: one round trip, atomic by itself. A subflow (its parent
     * task run follows in a second statement) and a dialect without the statement get a for-update
     * transaction of their own instead.
     */
    private TransitionResult alone(RunKind kind, UUID runId, StateEntity state) {
        validate(null, kind, runId, state);
        if (oneRunStatements.getOrDefault(state.getClass(), Optional.of("")).isEmpty()) {
            // Known to have no one-run statement (SQLite): no session just to find that out again.
            return database.inTransactionForUpdate(session -> single(session, kind, runId, state));
        }
        boolean[] sent = {false};
        TransitionOutcome outcome;
        try {
            outcome = database.sessionContext(false, false, session -> inAutocommit(session, kind, runId, state, sent));
        } catch (DatabaseUnavailableException e) {
            if (!sent[0]) {
                throw e;
            }
            throw new DatabaseUnavailableException("The connection broke while the state of " + kind.name + " " + runId
                    + " was being set in a transaction of its own: its one statement commits as it runs (autocommit), "
                    + "so whether the transition was applied is unknown. Read the run's current state before retrying; "
                    + "the cause names the database and the error.", e);
        }
        if (outcome == null) {
            return database.inTransactionForUpdate(session -> single(session, kind, runId, state));
        }
        return applied(kind, runId, outcome);
    }

    /**
     * The dialect's one statement in autocommit, or {@code null} when the transition needs a transaction
     * (no such statement; a subflow). {@code sent[0]} becomes true once the statement may have reached the database.
     */
    private TransitionOutcome inAutocommit(EntityManager session, RunKind kind, UUID runId, StateEntity state,
                                           boolean[] sent) {
        Optional<String> oneStatement = oneRunStatement(session, kind, state);
        if (oneStatement.isEmpty()) {
            return null;
        }
        try (Connection connection = database.engine().dataSource().getConnection()) {
            TransactionSql sql = TransactionSql.autocommit(session, connection, dialect,
                    "setting the state of " + kind.name + " " + runId);
            sent[0] = true;
            return inOneStatement(sql, session, kind, oneStatement.get(), runId, state, true, true);
        } catch (SQLException e) {
            // The session context classifies it from the cause (pool exhausted, database unreachable).
            throw new StratumException("Could not use a pooled connection to set the state of " + kind.name + " "
                    + runId + " (see the cause).", e);
        }
    }

    private <S> List<TransitionOutcome> bulk(EntityManager session, RunKind kind, List<ProposedState<S>> transitions,
                                             Function<S, StateEntity> entity) {
        if (transitions == null) {
            throw new IllegalArgumentException("The list of " + kind.name + " transitions is null.");
        }
        if (transitions.size() > MAX_BULK_TRANSITIONS) {
            throw new IllegalArgumentException("A bulk transition takes at most " + MAX_BULK_TRANSITIONS + " "
                    + kind.name + "s; this one has " + transitions.size() + ". Split it into batches of "
                    + MAX_BULK_TRANSITIONS + " or fewer (each batch is one lock-and-write round). Nothing was written.");
        }
        List<Item> items = new ArrayList<>(transitions.size());
        Set<StateEntity> states = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (int i = 0; i < transitions.size(); i++) {
            ProposedState<S> proposed = transitions.get(i);
            if (proposed == null) {
                throw new IllegalArgumentException("Element " + i + " of the " + kind.name + " transitions is null.");
            }
            StateEntity state = entity.apply(proposed.state());
            validate(session, kind, proposed.runId(), state);
            if (!states.add(state)) {
                throw new IllegalArgumentException("Element " + i + " of the " + kind.name + " transitions repeats a "
                        + "state object of an earlier element; pass a new state object for each transition.");
            }
            items.add(new Item(proposed.runId(), state));
        }
        TransactionSql sql = TransactionSql.of(session, dialect, "setting the states of " + items.size() + " "
                + kind.name + "s");
        return items.isEmpty() ? List.of() : apply(sql, session, kind, items, true);
    }

    private static void validate(EntityManager session, RunKind kind, UUID runId, StateEntity state) {
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
    }

    /** The dialect's statement for one transition of one run of {@code kind} (see TransitionSql#transitionOfOneRun). */
    private Optional<String> oneRunStatement(EntityManager session, RunKind kind, StateEntity state) {
        return oneRunStatements.computeIfAbsent(state.getClass(), type -> {
            EntityTable table = tables.of(session, type);
            return dialect.transitions().transitionOfOneRun(kind.runTable, table.table(),
                    table.columns().stream().map(EntityTable.Column::name).toList());
        });
    }

    /**
     * One transition of one run in the dialect's one statement: the database locks the run, applies the
     * bookkeeping to its current fields and picks the free timestamp. Runs it again only when a state
     * written concurrently (not through a transition, which would have waited for the lock) took the
     * timestamp it chose.
     *
     * @param tracksFlowRunCount as for {@link #apply}
     * @param alone whether the statement runs in autocommit: then a subflow is not written and the result
     *        is {@code null} (its parent task run must follow in the same transaction)
     */
    private TransitionOutcome inOneStatement(TransactionSql sql, EntityManager session, RunKind kind, String statement,
                                             UUID runId, StateEntity state, boolean tracksFlowRunCount,
                                             boolean alone) {
        if (state instanceof FlowRunStateEntity flowState) {
            flowState.setFlowRunId(runId);
        } else {
            ((TaskRunStateEntity) state).setTaskRunId(runId);
        }
        StateDetails details = state.getStateDetails();
        // Naming neither run, so equal details are one text; the statement names both (UpdateStateDetails).
        state.setStateDetails(withRunIds(details, null, null));
        state.setTimestamp(Timestamps.micros(state.getTimestamp()));
        List<EntityTable.Column> bound = oneRunColumns.computeIfAbsent(state.getClass(), type -> tables.of(session, type)
                .columnsExcept(Set.of("timestamp", "type", "name", kind.stateRunColumn)));
        Object[] parameters = new Object[8 + bound.size()];
        parameters[0] = runId;
        parameters[1] = state.getTimestamp();
        parameters[2] = state.getType();
        parameters[3] = state.getName();
        parameters[4] = details == null ? null : details.scheduledTime();
        parameters[5] = Timestamps.now();
        parameters[6] = tracksFlowRunCount;
        parameters[7] = alone;
        org.eclipse.persistence.internal.sessions.AbstractSession server = sql.server();
        for (int i = 0; i < bound.size(); i++) {
            EntityTable.Column column = bound.get(i);
            parameters[8 + i] = column.storedValue(column.reader().apply(state), server);
        }
        for (int attempt = 0; attempt < MAX_TIMESTAMP_ATTEMPTS; attempt++) {
            List<OneRunWrite> rows = sql.query(statement, this::readOneRunWrite, parameters);
            if (rows.isEmpty()) {
                return new TransitionOutcome.RunMissing(runId);
            }
            OneRunWrite write = rows.get(0);
            if (write.result() == null && alone && kind.isFlowRun() && write.otherRunId() != null) {
                return null;
            }
            if (write.result() == null) {
                continue;
            }
            RunFields after = write.result();
            UUID otherRunId = write.otherRunId();
            state.setTimestamp(after.stateTimestamp());
            state.setStateDetails(withRunIds(details, kind.isFlowRun() ? runId : otherRunId,
                    kind.isFlowRun() ? otherRunId : runId));
            if (kind.isFlowRun() && otherRunId != null) {
                followedByParentTaskRun(sql, session, (FlowRunStateEntity) state, runId, otherRunId);
            }
            return new TransitionOutcome.Applied(runId, new TransitionResult(state.getId(), state.getType(),
                    state.getName(), after.stateTimestamp(), after.startTime(), after.endTime(), after.runCount(),
                    after.totalRunTime(), after.expectedStartTime(), after.nextScheduledStartTime()));
        }
        throw sql.failed("Could not insert the new state of " + kind.name + " " + runId + ": " + MAX_TIMESTAMP_ATTEMPTS
                + " attempts found the timestamp chosen taken by a state written concurrently. Nothing was written.");
    }

    /** The reference's UpdateSubflowParentTask for a single transition (see {@link #applyRound}). */
    private void followedByParentTaskRun(TransactionSql sql, EntityManager session, FlowRunStateEntity subflowState,
                                         UUID subflowRunId, UUID parentTaskRunId) {
        TaskRunStateEntity parentState = ParentTaskStates.following(subflowState, subflowRunId);
        String statement = oneRunStatement(session, taskRuns, parentState).orElseThrow();
        if (inOneStatement(sql, session, taskRuns, statement, parentTaskRunId, parentState, false, false)
                instanceof TransitionOutcome.RunMissing) {
            throw sql.failed("No task run has id " + parentTaskRunId + ", the parent task run of a subflow whose "
                    + "state was being set: the transaction must be rolled back.");
        }
    }

    /** Reads the row of the dialect's one-run statement; no result when its state was not written. */
    private OneRunWrite readOneRunWrite(java.sql.ResultSet row) throws java.sql.SQLException {
        StorageValues values = dialect.values();
        UUID otherRunId = values.readUuid(row, 2);
        if (!row.getBoolean(1)) {
            return new OneRunWrite(otherRunId, null);
        }
        return new OneRunWrite(otherRunId, new RunFields(values.readTimestamp(row, 3), values.readTimestamp(row, 4),
                values.readTimestamp(row, 5), row.getInt(6), values.readInterval(row, 7), values.readTimestamp(row, 8),
                values.readTimestamp(row, 9)));
    }

    /** What the one-run statement wrote: the run's other id (see TransitionSql) and its new fields, if written. */
    private record OneRunWrite(UUID otherRunId, RunFields result) {
    }

    /** A run's fields after a transition, as the one-run statement returns them. */
    private record RunFields(Instant stateTimestamp, Instant startTime, Instant endTime, int runCount,
                             java.time.Duration totalRunTime, Instant expectedStartTime, Instant nextScheduledStartTime) {
    }

    /**
     * Applies the items as single transitions in list order would: the k-th item of a run goes in the k-th
     * round, each round one lock statement and one write (more only when timestamps collide).
     *
     * @param tracksFlowRunCount whether a task run entering RUNNING records its flow run's run count (the
     *                           reference's core task policy; not when a subflow forces its parent task run)
     */
    private List<TransitionOutcome> apply(TransactionSql sql, EntityManager session, RunKind kind, List<Item> items,
                                          boolean tracksFlowRunCount) {
        TransitionOutcome[] outcomes = new TransitionOutcome[items.size()];
        Map<UUID, Integer> occurrences = new HashMap<>();
        List<List<Integer>> rounds = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            int round = occurrences.merge(items.get(i).runId(), 1, Integer::sum) - 1;
            if (round == rounds.size()) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(i);
        }
        for (List<Integer> round : rounds) {
            applyRound(sql, session, kind, items, round, outcomes, tracksFlowRunCount);
        }
        return List.of(outcomes);
    }

    /** One round: items of distinct runs. */
    private void applyRound(TransactionSql sql, EntityManager session, RunKind kind, List<Item> items,
                            List<Integer> round, TransitionOutcome[] outcomes, boolean tracksFlowRunCount) {
        Optional<ManyRunsStatement> oneStatement = manyRunsStatement(sql, session, kind,
                items.get(round.get(0)).state().getClass());
        if (oneStatement.isPresent()) {
            inOneStatement(sql, session, kind, oneStatement.get(), items, round, outcomes, tracksFlowRunCount);
            return;
        }
        Object[] ids = new Object[round.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = items.get(round.get(i)).runId();
        }
        Map<UUID, LockedRun> runs = new HashMap<>();
        for (LockedRun run : sql.query(kind.lockSql(ids.length), row -> readLockedRun(row, kind), ids)) {
            runs.put(run.id(), run);
        }

        List<Pending> pending = new ArrayList<>(round.size());
        for (int index : round) {
            Item item = items.get(index);
            UUID runId = item.runId();
            LockedRun run = runs.get(runId);
            if (run == null) {
                outcomes[index] = new TransitionOutcome.RunMissing(runId);
                continue;
            }
            StateEntity state = item.state();
            RunStateFields before = kind.isFlowRun() ? withResuming(run.fields(), run.policyJson()) : run.fields();
            if (state instanceof FlowRunStateEntity flowState) {
                flowState.setFlowRunId(runId);
            } else {
                ((TaskRunStateEntity) state).setTaskRunId(runId);
            }
            // The reference's UpdateStateDetails, and UpdateSubflowStateDetails: a subflow's states name the task
            // run that represents it in the parent flow run.
            state.setStateDetails(withRunIds(state.getStateDetails(), kind.isFlowRun() ? runId : run.flowRunId(),
                    kind.isFlowRun() ? run.parentTaskRunId() : runId));
            // A free timestamp is kept, also one earlier than the current state's (callers backdate on purpose).
            state.setTimestamp(Timestamps.micros(state.getTimestamp()));
            // The reference's UpdateFlowRunTrackerOnTasks: a task run entering RUNNING records which run of its
            // flow run it belongs to.
            int flowRunRunCount = tracksFlowRunCount && !kind.isFlowRun() && state.getType() == StateType.RUNNING
                    && run.flowRunId() != null ? run.flowRunRunCountNow() : run.flowRunRunCount();
            pending.add(new Pending(index, runId, state, run, before, flowRunRunCount));
        }

        List<Pending> written = new ArrayList<>(pending.size());
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt == MAX_TIMESTAMP_ATTEMPTS) {
                Pending first = pending.get(0);
                throw sql.failed("Could not insert the new state of " + kind.name + " " + first.runId() + ": the "
                        + MAX_TIMESTAMP_ATTEMPTS + " microseconds before " + first.state().getTimestamp() + " are all "
                        + "taken by other states of the run. Nothing was written.");
            }
            Set<UUID> done = write(sql, session, kind, pending);
            List<Pending> collided = new ArrayList<>();
            for (Pending p : pending) {
                if (done.contains(p.runId())) {
                    written.add(p);
                } else {
                    // Another state of the run has this timestamp: the next microsecond, as the reference does.
                    p.state().setTimestamp(p.state().getTimestamp().plus(1, ChronoUnit.MICROS));
                    collided.add(p);
                }
            }
            pending = collided;
        }

        written.sort(java.util.Comparator.comparingInt(Pending::index));
        List<Item> parents = new ArrayList<>();
        for (Pending p : written) {
            RunStateFields after = p.after();
            outcomes[p.index()] = new TransitionOutcome.Applied(p.runId(), new TransitionResult(p.state().getId(),
                    after.stateType(), after.stateName(), after.stateTimestamp(), after.startTime(), after.endTime(),
                    after.runCount(), after.totalRunTime(), after.expectedStartTime(), after.nextScheduledStartTime()));
            if (kind.isFlowRun() && p.run().parentTaskRunId() != null) {
                parents.add(new Item(p.run().parentTaskRunId(),
                        ParentTaskStates.following((FlowRunStateEntity) p.state(), p.runId())));
            }
        }
        followedByParentTaskRuns(sql, session, parents);
    }

    /**
     * The reference's UpdateSubflowParentTask for a batch: each parent task run follows its subflow's state,
     * with the global bookkeeping only (a forced transition).
     */
    private void followedByParentTaskRuns(TransactionSql sql, EntityManager session, List<Item> parents) {
        if (parents.isEmpty()) {
            return;
        }
        for (TransitionOutcome parent : apply(sql, session, taskRuns, parents, false)) {
            if (parent instanceof TransitionOutcome.RunMissing missing) {
                throw sql.failed("No task run has id " + missing.runId() + ", the parent task run of a subflow "
                        + "whose state was being set: the transaction must be rolled back.");
            }
        }
    }

    /**
     * One round in the dialect's one statement for many runs (see TransitionSql#transitionOfRuns): the
     * database locks the runs, applies the bookkeeping to their current fields and picks each free
     * timestamp, as {@link #inOneStatement} does for one run. Runs it again for the runs whose timestamp a
     * state written concurrently (not through a transition) took.
     */
    private void inOneStatement(TransactionSql sql, EntityManager session, RunKind kind, ManyRunsStatement statement,
                                List<Item> items, List<Integer> round, TransitionOutcome[] outcomes,
                                boolean tracksFlowRunCount) {
        Map<UUID, StateDetails> proposedDetails = new HashMap<>();
        for (int index : round) {
            Item item = items.get(index);
            StateEntity state = item.state();
            if (state instanceof FlowRunStateEntity flowState) {
                flowState.setFlowRunId(item.runId());
            } else {
                ((TaskRunStateEntity) state).setTaskRunId(item.runId());
            }
            proposedDetails.put(item.runId(), state.getStateDetails());
            // Naming neither run, so a batch's equal details travel once; the statement names both
            // (UpdateStateDetails).
            state.setStateDetails(withRunIds(state.getStateDetails(), null, null));
            state.setTimestamp(Timestamps.micros(state.getTimestamp()));
        }
        List<Integer> pending = round;
        List<Item> parents = new ArrayList<>();
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt == MAX_TIMESTAMP_ATTEMPTS) {
                throw sql.failed("Could not insert the new state of " + kind.name + " " + items.get(pending.get(0)).runId()
                        + ": " + MAX_TIMESTAMP_ATTEMPTS + " attempts found the timestamp chosen taken by a state written "
                        + "concurrently. Nothing was written.");
            }
            Map<UUID, OneRunWrite> writes = new HashMap<>();
            TransitionBatch batch = batch(session, statement, items, pending);
            TransactionSql.RowReader<ManyRunsWrite> reader = row -> new ManyRunsWrite(dialect.values().readUuid(row, 10),
                    readOneRunWrite(row));
            String text = statementText(kind, statement, batch);
            TransactionSql.Binder binder = binder(batch, tracksFlowRunCount);
            for (ManyRunsWrite write : keptPlan ? sql.querySecondOfThree(text, binder, reader)
                    : sql.query(text, binder, reader)) {
                writes.put(write.runId(), write.write());
            }
            List<Integer> collided = new ArrayList<>();
            for (int index : pending) {
                Item item = items.get(index);
                OneRunWrite write = writes.get(item.runId());
                if (write == null) {
                    outcomes[index] = new TransitionOutcome.RunMissing(item.runId());
                } else if (write.result() == null) {
                    collided.add(index);
                } else {
                    outcomes[index] = applied(kind, item.runId(), item.state(), proposedDetails.get(item.runId()), write);
                    if (kind.isFlowRun() && write.otherRunId() != null) {
                        parents.add(new Item(write.otherRunId(),
                                ParentTaskStates.following((FlowRunStateEntity) item.state(), item.runId())));
                    }
                }
            }
            pending = collided;
        }
        followedByParentTaskRuns(sql, session, parents);
    }

    /** The values of the items {@code pending}, in their order, as one call of the statement sends them. */
    private TransitionBatch batch(EntityManager session, ManyRunsStatement statement, List<Item> items,
                                  List<Integer> pending) {
        List<StateEntity> states = new ArrayList<>(pending.size());
        List<List<Object>> proposed = new ArrayList<>();
        for (int i = 0; i < TransitionSql.PROPOSED_COLUMNS.size(); i++) {
            proposed.add(new ArrayList<>(pending.size()));
        }
        for (int index : pending) {
            StateEntity state = items.get(index).state();
            states.add(state);
            proposed.get(0).add(items.get(index).runId());
            proposed.get(1).add(state.getTimestamp());
            proposed.get(2).add(state.getType());
            proposed.get(3).add(state.getName());
            proposed.get(4).add(state.getStateDetails().scheduledTime());
        }
        List<Object[]> stateValues = tables.of(session, states.get(0).getClass())
                .columnValues(statement.columns(), states, session, java.util.Map.of());
        return TransitionBatch.of(proposed, statement.typed(), stateValues, statement.repeatsProposed());
    }

    /**
     * The text sent for the shape of {@code batch}: the dialect's statement, between its kept plan's
     * settings where it has them ({@link #keptPlan}); built once per shape.
     */
    private String statementText(RunKind kind, ManyRunsStatement statement, TransitionBatch batch) {
        List<Object> shape = List.of(kind.runTable, statement.stateTable(), batch.proposedColumns(), batch.stateColumns());
        String text = statementTexts.get(shape);
        if (text == null) {
            if (statementTexts.size() >= MAX_STATEMENT_SHAPES) {
                statementTexts.clear();
            }
            String alone = dialect.transitions().transitionOfRuns(kind.runTable, statement.stateTable(),
                    batch.proposedColumns(), batch.stateColumns()).orElseThrow();
            text = dialect.bulk().keptPlan().map(kept -> kept.around(alone)).orElse(alone);
            statementTexts.put(shape, text);
        }
        return text;
    }

    /** Binds the parameters of the statement of {@code batch} (see TransitionSql#transitionOfRuns). */
    private TransactionSql.Binder binder(TransitionBatch batch, boolean tracksFlowRunCount) {
        Instant now = Timestamps.now();
        return prepared -> {
            dialect.values().bind(prepared, 1, now);
            dialect.values().bind(prepared, 2, tracksFlowRunCount);
            batch.bind(prepared, 3, dialect.bulk());
        };
    }

    /** The outcome of a transition the dialect's statement wrote; the state takes the timestamp it chose. */
    private static TransitionOutcome applied(RunKind kind, UUID runId, StateEntity state, StateDetails proposedDetails,
                                             OneRunWrite write) {
        RunFields after = write.result();
        UUID otherRunId = write.otherRunId();
        state.setTimestamp(after.stateTimestamp());
        state.setStateDetails(withRunIds(proposedDetails, kind.isFlowRun() ? runId : otherRunId,
                kind.isFlowRun() ? otherRunId : runId));
        return new TransitionOutcome.Applied(runId, new TransitionResult(state.getId(), state.getType(),
                state.getName(), after.stateTimestamp(), after.startTime(), after.endTime(), after.runCount(),
                after.totalRunTime(), after.expectedStartTime(), after.nextScheduledStartTime()));
    }

    /**
     * Whether the dialect has one statement for a round of transitions of runs of {@code kind} (see
     * TransitionSql#transitionOfRuns), with the state columns it binds (all but {@code timestamp}).
     */
    private Optional<ManyRunsStatement> manyRunsStatement(TransactionSql sql, EntityManager session, RunKind kind,
                                                          Class<?> stateType) {
        Optional<ManyRunsStatement> known = manyRunsStatements.get(stateType);
        if (known != null) {
            return known;
        }
        EntityTable table = tables.of(session, stateType);
        List<LiveColumns.LiveColumn> live = liveColumns.of(sql, table);
        List<EntityTable.Column> bound = new ArrayList<>();
        List<io.stratum.api.spi.BulkWriteSql.TypedColumn> typed = new ArrayList<>();
        List<String> repeatsProposed = new ArrayList<>();
        for (int i = 0; i < table.columns().size(); i++) {
            EntityTable.Column column = table.columns().get(i);
            if (!column.name().equals("timestamp")) {
                bound.add(column);
                typed.add(new io.stratum.api.spi.BulkWriteSql.TypedColumn(column.name(), live.get(i).typeName(), false));
                // The proposed run id, type and name are these columns' values, bound from the same state.
                repeatsProposed.add(column.name().equals(kind.stateRunColumn) ? "run_id"
                        : column.name().equals("type") || column.name().equals("name") ? column.name() : null);
            }
        }
        Optional<ManyRunsStatement> statement = dialect.transitions()
                .transitionOfRuns(kind.runTable, table.table(), TransitionSql.PROPOSED_COLUMNS, typed)
                .map(any -> new ManyRunsStatement(table.table(), List.copyOf(bound), List.copyOf(typed),
                        java.util.Collections.unmodifiableList(repeatsProposed)));
        manyRunsStatements.put(stateType, statement);
        return statement;
    }

    /**
     * The state columns a dialect's statement for many runs binds, their types, and the proposed column
     * each repeats (or null); its text depends on the call's values (see {@link #statementText}).
     */
    private record ManyRunsStatement(String stateTable, List<EntityTable.Column> columns,
                                     List<io.stratum.api.spi.BulkWriteSql.TypedColumn> typed,
                                     List<String> repeatsProposed) {
    }

    /** A row of a {@link ManyRunsStatement}: the run and what was written. */
    private record ManyRunsWrite(UUID runId, OneRunWrite write) {
    }

    /**
     * Computes each pending run's new fields and writes the states and runs; returns the runs written (a
     * run whose state's timestamp collided is not).
     */
    private Set<UUID> write(TransactionSql sql, EntityManager session, RunKind kind, List<Pending> pending) {
        EntityTable table = tables.of(session, pending.get(0).state().getClass());
        List<EntityTable.Column> columns = table.columns();
        List<Object> stateValues = new ArrayList<>(pending.size() * columns.size());
        List<Object> runValues = new ArrayList<>(pending.size() * (RUN_COLUMNS.size() + 2));
        Instant now = Timestamps.now();
        for (Pending p : pending) {
            StateEntity state = p.state();
            p.setAfter(p.before().enter(kind.isFlowRun(), state.getType(), state.getName(), state.getTimestamp(),
                    state.getStateDetails().scheduledTime()));
            stateValues.addAll(table.values(columns, state, session));
            RunStateFields after = p.after();
            runValues.addAll(java.util.Arrays.asList(p.runId(), state.getId(), after.stateType(), after.stateName(),
                    after.stateTimestamp(), after.startTime(), after.endTime(), after.runCount(), after.totalRunTime(),
                    after.expectedStartTime(), after.nextScheduledStartTime(), now, kind.isFlowRun()
                            ? (after.resuming() == p.before().resuming() ? null
                            : policyWithResuming(p.run().policyJson(), after.resuming()))
                            : p.flowRunRunCount()));
        }
        String conflict = kind.stateConflict;
        String insert = stateInserts.computeIfAbsent(pending.get(0).state().getClass(), type -> table.insertSql(columns));
        Set<UUID> written = new HashSet<>();
        int[] inserted = sql.batch(insert + conflict, stateValues, columns.size());
        int perRun = runValues.size() / pending.size();
        List<Object> updates = new ArrayList<>(runValues.size());
        for (int i = 0; i < pending.size(); i++) {
            if (inserted[i] == 1) {
                List<Object> row = runValues.subList(i * perRun, (i + 1) * perRun);
                updates.addAll(row.subList(1, perRun));
                updates.add(row.get(0));
                written.add(pending.get(i).runId());
            }
        }
        if (!updates.isEmpty()) {
            sql.batch(kind.updateSql, updates, perRun);
        }
        return written;
    }

    /**
     * Reads the row of {@link RunKind#lockSql}: the id, the state fields, then for flow runs {@code empirical_policy}
     * and {@code parent_task_run_id}, for task runs {@code flow_run_id}, {@code flow_run_run_count} and the
     * {@code run_count} of that flow run.
     */
    private LockedRun readLockedRun(java.sql.ResultSet row, RunKind kind) throws java.sql.SQLException {
        StorageValues values = dialect.values();
        UUID id = values.readUuid(row, 1);
        String type = row.getString(2);
        RunStateFields fields = new RunStateFields(type == null ? null : StateType.valueOf(type), null,
                values.readTimestamp(row, 3), values.readTimestamp(row, 4), values.readTimestamp(row, 5), row.getInt(6),
                values.readInterval(row, 7), values.readTimestamp(row, 8), values.readTimestamp(row, 9), false);
        return kind.isFlowRun()
                ? new LockedRun(id, fields, null, row.getString(10), values.readUuid(row, 11), 0, 0)
                : new LockedRun(id, fields, values.readUuid(row, 10), null, null, row.getInt(11), row.getInt(12));
    }

    private static RunStateFields withResuming(RunStateFields fields, String policyJson) {
        boolean resuming = mayNameResuming(policyJson)
                && Json.tree(policyJson, "flow_run.empirical_policy").path("resuming").asBoolean(false);
        return new RunStateFields(fields.stateType(), fields.stateName(), fields.stateTimestamp(), fields.startTime(),
                fields.endTime(), fields.runCount(), fields.totalRunTime(), fields.expectedStartTime(),
                fields.nextScheduledStartTime(), resuming);
    }

    /**
     * Whether the policy text can name {@code resuming} at all: only with that word in it, or with a
     * unicode escape that might spell it. Most stored policies have neither (the column's default is
     * {@code {}}), and parsing one per transition was a measurable share of a single SQLite transition
     * inside the write turn (JFR, issue 18).
     */
    private static boolean mayNameResuming(String policyJson) {
        return policyJson != null && (policyJson.contains("resuming") || policyJson.contains("\\u"));
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
    private record LockedRun(UUID id, RunStateFields fields, UUID flowRunId, String policyJson, UUID parentTaskRunId,
                             int flowRunRunCount, int flowRunRunCountNow) {
    }

    /** One element of a transition request. */
    private record Item(UUID runId, StateEntity state) {
    }

    /** An item whose run exists, until its state is written; {@code after} is computed per write attempt. */
    private static final class Pending {
        private final int index;
        private final UUID runId;
        private final StateEntity state;
        private final LockedRun run;
        private final RunStateFields before;
        private final int flowRunRunCount;
        private RunStateFields after;

        Pending(int index, UUID runId, StateEntity state, LockedRun run, RunStateFields before, int flowRunRunCount) {
            this.index = index;
            this.runId = runId;
            this.state = state;
            this.run = run;
            this.before = before;
            this.flowRunRunCount = flowRunRunCount;
        }

        int index() {
            return index;
        }

        UUID runId() {
            return runId;
        }

        StateEntity state() {
            return state;
        }

        LockedRun run() {
            return run;
        }

        RunStateFields before() {
            return before;
        }

        int flowRunRunCount() {
            return flowRunRunCount;
        }

        RunStateFields after() {
            return after;
        }

        void setAfter(RunStateFields after) {
            this.after = after;
        }
    }

    /** The SQL of one kind of run. */
    private static final class RunKind {
        private static final String FIELDS = "id, state_type, state_timestamp, start_time, end_time, run_count, "
                + "total_run_time, expected_start_time, next_scheduled_start_time";

        final String name;
        final String runTable;
        final String stateRunColumn;
        final String updateSql;
        /** Skips a state whose timestamp another state of its run has (the caller then tries the next microsecond). */
        final String stateConflict;
        private final String lockSelect;
        private final String lockSuffix;

        RunKind(String name, String runTable, String stateRunColumn, String extraColumns, DialectSql dialect) {
            this.name = name;
            this.runTable = runTable;
            this.stateRunColumn = stateRunColumn;
            this.stateConflict = " ON CONFLICT (" + stateRunColumn + ", \"timestamp\") DO NOTHING";
            this.lockSelect = "SELECT " + FIELDS + ", " + extraColumns + " FROM " + runTable + " WHERE id IN (";
            // In id order, so that two batches sharing runs lock them in the same order (no deadlock).
            this.lockSuffix = ") ORDER BY id" + dialect.locks().forUpdate();
            StringBuilder set = new StringBuilder();
            for (String column : RUN_COLUMNS) {
                set.append(column).append(" = ?, ");
            }
            // The values of one run as TransitionSql binds them, with the id moved last.
            this.updateSql = "UPDATE " + runTable + " SET " + set + (isFlowRun()
                    ? "empirical_policy = coalesce(?, empirical_policy)" : "flow_run_run_count = ?") + " WHERE id = ?";
        }

        /** Locks and reads {@code runs} runs, in id order. */
        String lockSql(int runs) {
            return lockSelect + TransactionSql.placeholders(runs) + lockSuffix;
        }

        boolean isFlowRun() {
            return runTable.equals("flow_run");
        }
    }
}
