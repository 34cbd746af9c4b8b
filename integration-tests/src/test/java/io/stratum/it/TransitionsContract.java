package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.Stratum;
import io.stratum.api.StratumException;
import io.stratum.api.model.StateType;
import io.stratum.api.query.StateTransitions;
import io.stratum.api.query.TransitionResult;
import io.stratum.orm.model.FlowEntity;
import io.stratum.orm.model.FlowRunEntity;
import io.stratum.orm.model.FlowRunStateEntity;
import io.stratum.orm.model.RunEntity;
import io.stratum.orm.model.StateEntity;
import io.stratum.orm.model.TaskRunEntity;
import io.stratum.orm.model.TaskRunStateEntity;
import io.stratum.orm.types.FlowRunPolicy;
import io.stratum.orm.types.StateDetails;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** State transitions and their bookkeeping (reference §4.2), run once per dialect by the subclasses. */
abstract class TransitionsContract {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    protected TestDatabase database;
    protected DatabaseInterface db;

    abstract TestDatabase newDatabase();

    /**
     * How each statement of one flow run transition starts, in order: PostgreSQL locks the run, writes the
     * state and updates the run in one statement; SQLite locks, inserts, updates.
     */
    abstract List<String> transitionStatements();

    /**
     * Whether a transition that is its own transaction ({@code setFlowRunState(runId, state)}) is the one
     * statement in autocommit (PostgreSQL), rather than the dialect's statements in a transaction (SQLite).
     */
    abstract boolean aloneIsOneStatementInAutocommit();

    @BeforeEach
    void open() {
        database = newDatabase();
        db = Stratum.open(database.settings().migrateOnStart(true).timeout(Duration.ofSeconds(30)).build());
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
        database.close();
    }

    /** One transition of a table-driven case and the run's fields expected after it (offsets in seconds from T0). */
    record Step(StateType type, long at, Long scheduledAt, Long start, Long end, int runCount, long totalSeconds,
                Long expected, Long nextScheduled) {
    }

    static Step step(StateType type, long at, Long scheduledAt, Long start, Long end, int runCount, long total,
                     Long expected, Long nextScheduled) {
        return new Step(type, at, scheduledAt, start, end, runCount, total, expected, nextScheduled);
    }

    /** Table-driven cases: each moves its own run through the steps and checks the fields after every step. */
    @Test
    void runFieldsFollowTheReferenceOnEveryTransition() {
        followTheReference(false);
    }

    @Test
    void runFieldsFollowTheReferenceWhenEachTransitionIsItsOwnTransaction() {
        followTheReference(true);
    }

    /** The table-driven cases; {@code alone}: through the transitions that commit by themselves. */
    private void followTheReference(boolean alone) {
        // A flow run with a retry: back to SCHEDULED does not end the run and keeps the first start.
        assertSteps(alone, true, List.of(
                step(StateType.SCHEDULED, 0, 3600L, null, null, 0, 0, 3600L, 3600L),
                step(StateType.PENDING, 3600, null, null, null, 0, 0, 3600L, null),
                step(StateType.RUNNING, 3610, null, 3610L, null, 1, 0, 3600L, null),
                step(StateType.SCHEDULED, 3640, 3700L, 3610L, null, 1, 30, 3600L, 3700L),
                step(StateType.PENDING, 3700, null, 3610L, null, 1, 30, 3600L, null),
                step(StateType.RUNNING, 3705, null, 3610L, null, 2, 30, 3600L, null),
                step(StateType.COMPLETED, 3725, null, 3610L, 3725L, 2, 50, 3600L, null)));

        // A flow run resuming from a pause is not counted as another run, also when resuming through
        // SCHEDULED and PENDING; once running again the mark is gone and a later retry counts.
        assertSteps(alone, true, List.of(
                step(StateType.PENDING, 0, null, null, null, 0, 0, 0L, null),
                step(StateType.RUNNING, 10, null, 10L, null, 1, 0, 0L, null),
                step(StateType.PAUSED, 20, null, 10L, null, 1, 10, 0L, null),
                step(StateType.RUNNING, 30, null, 10L, null, 1, 10, 0L, null),
                step(StateType.PAUSED, 40, null, 10L, null, 1, 20, 0L, null),
                step(StateType.SCHEDULED, 50, 60L, 10L, null, 1, 20, 0L, 60L),
                step(StateType.PENDING, 60, null, 10L, null, 1, 20, 0L, null),
                step(StateType.RUNNING, 61, null, 10L, null, 1, 20, 0L, null),
                step(StateType.SCHEDULED, 70, 80L, 10L, null, 1, 29, 0L, 80L),
                step(StateType.RUNNING, 80, null, 10L, null, 2, 29, 0L, null),
                step(StateType.FAILED, 90, null, 10L, 90L, 2, 39, 0L, null)));

        // Task runs count every entry into RUNNING, also after a pause.
        assertSteps(alone, false, List.of(
                step(StateType.PENDING, 0, null, null, null, 0, 0, 0L, null),
                step(StateType.RUNNING, 5, null, 5L, null, 1, 0, 0L, null),
                step(StateType.PAUSED, 7, null, 5L, null, 1, 2, 0L, null),
                step(StateType.RUNNING, 9, null, 5L, null, 2, 2, 0L, null),
                step(StateType.COMPLETED, 12, null, 5L, 12L, 2, 5, 0L, null)));

        // Straight to a terminal state sets the start with the end; leaving a terminal state for a
        // non-terminal one clears the end; terminal to terminal keeps the first end.
        assertSteps(alone, true, List.of(
                step(StateType.CANCELLED, 0, null, 0L, 0L, 0, 0, 0L, null),
                step(StateType.SCHEDULED, 10, 20L, 0L, null, 0, 0, 0L, 20L),
                step(StateType.RUNNING, 20, null, 0L, null, 1, 0, 0L, null),
                step(StateType.COMPLETED, 25, null, 0L, 25L, 1, 5, 0L, null),
                step(StateType.FAILED, 30, null, 0L, 25L, 1, 5, 0L, null),
                step(StateType.CRASHED, 31, null, 0L, 25L, 1, 5, 0L, null)));
    }

    private void assertSteps(boolean alone, boolean flowRun, List<Step> steps) {
        RunEntity run = flowRun ? newFlowRun() : newTaskRun(null);
        for (Step step : steps) {
            StateEntity state = newState(flowRun, step.type(), T0.plusSeconds(step.at()));
            if (step.scheduledAt() != null) {
                state.setStateDetails(StateDetails.empty().withScheduledTime(T0.plusSeconds(step.scheduledAt())));
            }
            StateTransitions transitions = db.queries().transitions();
            TransitionResult result = alone
                    ? (flowRun ? transitions.setFlowRunState(run.getId(), (FlowRunStateEntity) state)
                            : transitions.setTaskRunState(run.getId(), (TaskRunStateEntity) state))
                    : db.inTransactionForUpdate(session -> flowRun
                    ? transitions.setFlowRunState(session, run.getId(), (FlowRunStateEntity) state)
                    : transitions.setTaskRunState(session, run.getId(), (TaskRunStateEntity) state));
            String as = step.type() + " at +" + step.at() + "s";
            assertThat(result.stateId()).as(as).isEqualTo(state.getId());
            assertThat(result.stateType()).as(as).isEqualTo(step.type());
            assertThat(result.stateTimestamp()).as(as).isEqualTo(T0.plusSeconds(step.at()));
            RunEntity stored = db.sessionContext(false, false, session -> session.find(run.getClass(), run.getId()));
            for (Object[] field : new Object[][] {
                    {"start_time", step.start(), result.startTime(), stored.getStartTime()},
                    {"end_time", step.end(), result.endTime(), stored.getEndTime()},
                    {"expected_start_time", step.expected(), result.expectedStartTime(), stored.getExpectedStartTime()},
                    {"next_scheduled_start_time", step.nextScheduled(), result.nextScheduledStartTime(),
                            stored.getNextScheduledStartTime()}}) {
                Instant expected = field[1] == null ? null : T0.plusSeconds((Long) field[1]);
                assertThat((Instant) field[2]).as(as + ": result " + field[0]).isEqualTo(expected);
                assertThat((Instant) field[3]).as(as + ": stored " + field[0]).isEqualTo(expected);
            }
            assertThat(result.runCount()).as(as + ": run_count").isEqualTo(step.runCount());
            assertThat(stored.getRunCount()).as(as + ": stored run_count").isEqualTo(step.runCount());
            assertThat(result.totalRunTime()).as(as + ": total_run_time").isEqualTo(Duration.ofSeconds(step.totalSeconds()));
            assertThat(stored.getTotalRunTime()).as(as + ": stored total_run_time")
                    .isEqualTo(Duration.ofSeconds(step.totalSeconds()));
            assertThat(stored.getStateType()).as(as).isEqualTo(step.type());
            assertThat(stored.getStateName()).as(as).isEqualTo(state.getName());
            assertThat(stored.getStateTimestamp()).as(as).isEqualTo(T0.plusSeconds(step.at()));
            assertThat(flowRun ? ((FlowRunEntity) stored).getStateId() : ((TaskRunEntity) stored).getStateId())
                    .as(as).isEqualTo(state.getId());
        }
        List<StateEntity> history = history(flowRun, run.getId());
        assertThat(history).extracting(StateEntity::getType).containsExactlyElementsOf(
                steps.stream().map(Step::type).toList());
        StateDetails details = history.get(0).getStateDetails();
        assertThat(details.flowRunId()).isEqualTo(flowRun ? run.getId() : null);
        assertThat(details.taskRunId()).isEqualTo(flowRun ? null : run.getId());
    }

    @Test
    void aTimestampTakenByAnotherStateMovesForwardOneMicrosecondAtATime() {
        FlowRunEntity run = newFlowRun();
        Instant t = T0.plusNanos(123_456_000);
        StateTransitions transitions = db.queries().transitions();
        TransitionResult first = db.inTransaction(session ->
                transitions.setFlowRunState(session, run.getId(), flowState(StateType.PENDING, t)));
        TransitionResult second = db.inTransaction(session ->
                transitions.setFlowRunState(session, run.getId(), flowState(StateType.RUNNING, t)));
        assertThat(first.stateTimestamp()).isEqualTo(t);
        assertThat(second.stateTimestamp()).isEqualTo(t.plus(1, ChronoUnit.MICROS));

        // States written by others (not through a transition) at the next microseconds are skipped too.
        db.inTransaction(session -> {
            for (int i = 2; i <= 3; i++) {
                FlowRunStateEntity other = flowState(StateType.RUNNING, t.plus(i, ChronoUnit.MICROS));
                other.setFlowRunId(run.getId());
                session.persist(other);
            }
            return null;
        });
        FlowRunStateEntity third = flowState(StateType.COMPLETED, t);
        TransitionResult result = db.inTransaction(session -> transitions.setFlowRunState(session, run.getId(), third));
        assertThat(result.stateTimestamp()).isEqualTo(t.plus(4, ChronoUnit.MICROS));
        assertThat(third.getTimestamp()).isEqualTo(t.plus(4, ChronoUnit.MICROS));
        assertThat(result.totalRunTime()).isEqualTo(Duration.of(3, ChronoUnit.MICROS));
        assertThat(history(true, run.getId())).hasSize(5);
    }

    @Test
    void aFreeTimestampIsKeptEvenWhenEarlierThanTheCurrentStatesAsTheReferenceDoes() {
        FlowRunEntity run = newFlowRun();
        StateTransitions transitions = db.queries().transitions();
        db.inTransaction(session -> transitions.setFlowRunState(session, run.getId(), flowState(StateType.PENDING,
                T0.plusSeconds(60))));
        // Backdated on purpose (an imported history): kept, and it is the run's current state all the same.
        FlowRunStateEntity backdated = flowState(StateType.RUNNING, T0);
        TransitionResult result = db.inTransaction(session ->
                transitions.setFlowRunState(session, run.getId(), backdated));
        assertThat(result.stateTimestamp()).isEqualTo(T0);
        assertThat(backdated.getTimestamp()).isEqualTo(T0);
        FlowRunEntity stored = db.sessionContext(false, false, session -> session.find(FlowRunEntity.class, run.getId()));
        assertThat(stored.getStateId()).isEqualTo(backdated.getId());
        assertThat(stored.getStateType()).isEqualTo(StateType.RUNNING);
        assertThat(stored.getStateTimestamp()).isEqualTo(T0);
        assertThat(stored.getStartTime()).isEqualTo(T0);

        // A timestamp equal to an earlier state's (not the current one's) moves forward 1 µs, no further.
        TransitionResult equal = db.inTransaction(session -> transitions.setFlowRunState(session, run.getId(),
                flowState(StateType.COMPLETED, T0.plusSeconds(60))));
        assertThat(equal.stateTimestamp()).isEqualTo(T0.plusSeconds(60).plus(1, ChronoUnit.MICROS));
        assertThat(equal.totalRunTime()).isEqualTo(Duration.ofSeconds(60).plus(1, ChronoUnit.MICROS));
        assertThat(history(true, run.getId())).extracting(StateEntity::getType)
                .containsExactly(StateType.RUNNING, StateType.PENDING, StateType.COMPLETED);
    }

    @Test
    void aSubflowMovesItsParentTaskRunIntoACopyOfEveryStateItEnters() {
        FlowRunEntity parent = newFlowRun();
        TaskRunEntity parentTask = newTaskRun(parent.getId());
        FlowRunEntity subflow = newSubflow(parentTask.getId());
        StateTransitions transitions = db.queries().transitions();
        List<StateType> path = List.of(StateType.PENDING, StateType.RUNNING, StateType.COMPLETED);
        for (int i = 0; i < path.size(); i++) {
            FlowRunStateEntity state = flowState(path.get(i), T0.plusSeconds(10L * i));
            state.setMessage("step " + i);
            db.inTransactionForUpdate(session -> transitions.setFlowRunState(session, subflow.getId(), state));
            assertThat(state.getStateDetails().flowRunId()).isEqualTo(subflow.getId());
            assertThat(state.getStateDetails().taskRunId()).as("the subflow's state names its parent task run")
                    .isEqualTo(parentTask.getId());
        }
        List<StateEntity> taskHistory = history(false, parentTask.getId());
        List<StateEntity> flowHistory = history(true, subflow.getId());
        assertThat(taskHistory).hasSize(3);
        for (int i = 0; i < path.size(); i++) {
            StateEntity copy = taskHistory.get(i);
            assertThat(copy.getId()).isNotEqualTo(flowHistory.get(i).getId());
            assertThat(copy.getType()).isEqualTo(path.get(i));
            assertThat(copy.getName()).isEqualTo(flowHistory.get(i).getName());
            assertThat(copy.getMessage()).isEqualTo("step " + i);
            assertThat(copy.getTimestamp()).isEqualTo(T0.plusSeconds(10L * i));
            assertThat(copy.getStateDetails().childFlowRunId()).isEqualTo(subflow.getId());
            assertThat(copy.getStateDetails().taskRunId()).isEqualTo(parentTask.getId());
            assertThat(copy.getStateDetails().flowRunId()).as("the task run's own flow run").isEqualTo(parent.getId());
        }
        TaskRunEntity task = db.sessionContext(false, false, session -> session.find(TaskRunEntity.class, parentTask.getId()));
        assertThat(task.getStateId()).isEqualTo(taskHistory.get(2).getId());
        assertThat(task.getStateType()).isEqualTo(StateType.COMPLETED);
        assertThat(task.getRunCount()).isEqualTo(1);
        assertThat(task.getStartTime()).isEqualTo(T0.plusSeconds(10));
        assertThat(task.getEndTime()).isEqualTo(T0.plusSeconds(20));
        assertThat(task.getTotalRunTime()).isEqualTo(Duration.ofSeconds(10));
        assertThat(task.getFlowRunRunCount()).as("a forced transition: no flow run tracking").isZero();

        // A flow run without a parent task run touches no task run.
        db.inTransaction(session -> transitions.setFlowRunState(session, parent.getId(),
                flowState(StateType.RUNNING, T0)));
        assertThat(history(false, parentTask.getId())).hasSize(3);
    }

    @Test
    void aSubflowMovedInATransactionOfItsOwnMovesItsParentTaskRunInTheSameTransaction() {
        FlowRunEntity parent = newFlowRun();
        TaskRunEntity parentTask = newTaskRun(parent.getId());
        FlowRunEntity subflow = newSubflow(parentTask.getId());
        FlowRunStateEntity state = flowState(StateType.RUNNING, T0);
        TransitionResult result = db.queries().transitions().setFlowRunState(subflow.getId(), state);
        assertThat(result.runCount()).isEqualTo(1);
        assertThat(state.getStateDetails().taskRunId()).isEqualTo(parentTask.getId());
        assertThat(history(true, subflow.getId())).extracting(StateEntity::getId).containsExactly(state.getId());
        List<StateEntity> taskHistory = history(false, parentTask.getId());
        assertThat(taskHistory).hasSize(1);
        assertThat(taskHistory.get(0).getStateDetails().childFlowRunId()).isEqualTo(subflow.getId());
        TaskRunEntity task = db.sessionContext(false, false, session -> session.find(TaskRunEntity.class, parentTask.getId()));
        assertThat(task.getStateId()).isEqualTo(taskHistory.get(0).getId());
        assertThat(task.getStateType()).isEqualTo(StateType.RUNNING);
    }

    @Test
    void aTransitionOfItsOwnCommitsAloneAndRefusesToRunInsideATransaction() throws Exception {
        db.close();
        db = Stratum.open(database.settings().migrateOnStart(true).echo(true).build());
        FlowRunEntity run = newFlowRun();
        StateTransitions transitions = db.queries().transitions();
        List<String> statements;
        try (EchoedStatements echoed = EchoedStatements.capture()) {
            transitions.setFlowRunState(run.getId(), flowState(StateType.RUNNING, T0));
            statements = echoed.all();
        }
        if (aloneIsOneStatementInAutocommit()) {
            assertThat(statements).as("one statement, no BEGIN or COMMIT: %s", statements).hasSize(1);
            assertThat(statements.get(0)).startsWith(transitionStatements().get(0));
        } else {
            List<String> expected = transitionStatements();
            assertThat(statements).as("the dialect's statements, in a transaction of its own: %s", statements)
                    .hasSize(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertThat(statements.get(i)).startsWith(expected.get(i));
            }
        }
        FlowRunEntity stored = db.sessionContext(false, false, session -> session.find(FlowRunEntity.class, run.getId()));
        assertThat(stored.getStateType()).as("committed: another session sees it").isEqualTo(StateType.RUNNING);

        UUID unknown = UUID.randomUUID();
        assertThatThrownBy(() -> transitions.setFlowRunState(unknown, flowState(StateType.PENDING, T0)))
                .isInstanceOf(StratumException.class).hasMessageContaining("No flow run has id " + unknown);
        assertThatThrownBy(() -> transitions.setTaskRunState(unknown, taskState(StateType.PENDING, T0)))
                .isInstanceOf(StratumException.class).hasMessageContaining("No task run has id " + unknown);
        assertThatThrownBy(() -> db.inTransaction(session -> transitions.setFlowRunState(run.getId(),
                flowState(StateType.COMPLETED, T0.plusSeconds(1)))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("inside a transaction")
                .hasMessageContaining("nothing was written");
        assertThat(history(true, run.getId())).extracting(StateEntity::getType).containsExactly(StateType.RUNNING);
        assertThat(countRows("flow_run_state")).isEqualTo(1);
    }

    @Test
    void aTaskRunEnteringRunningRecordsItsFlowRunsRunCount() {
        FlowRunEntity flowRun = newFlowRun();
        TaskRunEntity task = newTaskRun(flowRun.getId());
        StateTransitions transitions = db.queries().transitions();
        db.inTransaction(session -> transitions.setFlowRunState(session, flowRun.getId(), flowState(StateType.RUNNING, T0)));
        db.inTransaction(session -> transitions.setFlowRunState(session, flowRun.getId(),
                flowState(StateType.FAILED, T0.plusSeconds(1))));
        db.inTransaction(session -> transitions.setFlowRunState(session, flowRun.getId(),
                flowState(StateType.RUNNING, T0.plusSeconds(2))));
        db.inTransaction(session -> transitions.setTaskRunState(session, task.getId(),
                taskState(StateType.PENDING, T0.plusSeconds(3))));
        assertThat(flowRunRunCount(task.getId())).as("PENDING leaves it").isZero();
        db.inTransaction(session -> transitions.setTaskRunState(session, task.getId(),
                taskState(StateType.RUNNING, T0.plusSeconds(4))));
        assertThat(flowRunRunCount(task.getId())).isEqualTo(2);
        // The flow run retries: the task run keeps the count of the run it last ran in until it runs again.
        db.inTransaction(session -> transitions.setFlowRunState(session, flowRun.getId(),
                flowState(StateType.FAILED, T0.plusSeconds(5))));
        db.inTransaction(session -> transitions.setFlowRunState(session, flowRun.getId(),
                flowState(StateType.RUNNING, T0.plusSeconds(6))));
        db.inTransaction(session -> transitions.setTaskRunState(session, task.getId(),
                taskState(StateType.FAILED, T0.plusSeconds(7))));
        assertThat(flowRunRunCount(task.getId())).isEqualTo(2);
        db.inTransaction(session -> transitions.setTaskRunState(session, task.getId(),
                taskState(StateType.RUNNING, T0.plusSeconds(8))));
        assertThat(flowRunRunCount(task.getId())).isEqualTo(3);

        // A task run without a flow run has none to track.
        TaskRunEntity orphan = newTaskRun(null);
        db.inTransaction(session -> transitions.setTaskRunState(session, orphan.getId(), taskState(StateType.RUNNING, T0)));
        assertThat(flowRunRunCount(orphan.getId())).isZero();
    }

    private int flowRunRunCount(UUID taskRunId) {
        return db.sessionContext(false, false, session -> session.find(TaskRunEntity.class, taskRunId))
                .getFlowRunRunCount();
    }

    @Test
    void aTransitionCostsTheDialectsFewestStatements() {
        db.close();
        db = Stratum.open(database.settings().migrateOnStart(true).echo(true).build());
        FlowRunEntity run = newFlowRun();
        List<String> sent;
        List<String> statements;
        try (EchoedStatements echoed = EchoedStatements.capture()) {
            db.inTransactionForUpdate(session -> {
                echoed.clear();
                return db.queries().transitions().setFlowRunState(session, run.getId(),
                        flowState(StateType.RUNNING, Instant.now()));
            });
            statements = echoed.all();
            sent = echoed.withoutBeginAndCommit();
        }
        List<String> expected = transitionStatements();
        assertThat(sent).as("statements sent: %s", statements).hasSize(expected.size());
        assertThat(sent.get(0)).contains("FROM FLOW_RUN");
        for (int i = 0; i < expected.size(); i++) {
            assertThat(sent.get(i)).as("statement %s of %s", i, sent).startsWith(expected.get(i));
        }
    }

    @Test
    void badCallsAreClearErrorsWritingNothingAndARunNewInTheTransactionCanMove() throws Exception {
        UUID unknown = UUID.randomUUID();
        assertThatThrownBy(() -> db.inTransaction(session -> db.queries().transitions()
                .setFlowRunState(session, unknown, flowState(StateType.PENDING, T0))))
                .isInstanceOf(StratumException.class).hasMessageContaining(unknown.toString())
                .hasMessageContaining("No flow run");
        assertThatThrownBy(() -> db.inTransaction(session -> db.queries().transitions()
                .setTaskRunState(session, unknown, taskState(StateType.PENDING, T0))))
                .isInstanceOf(StratumException.class).hasMessageContaining(unknown.toString())
                .hasMessageContaining("No task run");
        FlowRunEntity run = newFlowRun();
        assertThatThrownBy(() -> db.sessionContext(false, false, session -> db.queries().transitions()
                .setFlowRunState(session, run.getId(), flowState(StateType.PENDING, T0))))
                .isInstanceOf(StratumException.class).hasMessageContaining("active transaction");
        assertThatThrownBy(() -> db.inTransaction(session -> db.queries().transitions()
                .setFlowRunState(session, run.getId(), null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FlowRunStateEntity");
        assertThat(countRows("flow_run_state")).isZero();

        // A run persisted earlier in the same transaction can be moved at once (pending changes are flushed).
        FlowEntity flow = new FlowEntity("same-transaction");
        FlowRunEntity fresh = new FlowRunEntity(flow.getId());
        TransitionResult result = db.inTransaction(session -> {
            session.persist(flow);
            session.persist(fresh);
            return db.queries().transitions().setFlowRunState(session, fresh.getId(), flowState(StateType.SCHEDULED, T0));
        });
        assertThat(result.stateType()).isEqualTo(StateType.SCHEDULED);
        FlowRunEntity stored = db.sessionContext(false, false, session -> session.find(FlowRunEntity.class, fresh.getId()));
        assertThat(stored.getStateId()).isEqualTo(result.stateId());
    }

    @Test
    void sixteenThreadsTimesTwoHundredTransitionsOnOneRunLoseNoUpdate() throws Exception {
        FlowRunEntity run = newFlowRun();
        db.inTransaction(session -> db.queries().transitions().setFlowRunState(session, run.getId(),
                flowState(StateType.PENDING, Instant.now())));
        int threads = 16;
        int perThread = 200;
        StateType[] cycle = {StateType.RUNNING, StateType.COMPLETED, StateType.SCHEDULED, StateType.PENDING};
        AtomicInteger runningEntries = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        long began;
        try {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        StateType type = cycle[(thread + i) % cycle.length];
                        // Stamped after taking the run's lock, so the history is in transition order
                        // (a free timestamp is kept as given, also an earlier one).
                        db.inTransactionForUpdate(session -> {
                            session.find(FlowRunEntity.class, run.getId(),
                                    jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
                            return db.queries().transitions().setFlowRunState(session, run.getId(),
                                    flowState(type, Instant.now()));
                        });
                        if (type == StateType.RUNNING) {
                            runningEntries.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            began = System.nanoTime();
            start.countDown();
            for (Future<?> future : futures) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        System.out.printf("[%s] %d threads x %d transitions on one run: %.0f transitions/s (%.1f s)%s%n",
                database.dialect().id(), threads, perThread, threads * perThread / seconds, seconds, durability());

        List<StateEntity> history = history(true, run.getId());
        assertThat(history).hasSize(threads * perThread + 1);
        FlowRunEntity stored = db.sessionContext(false, false, session -> session.find(FlowRunEntity.class, run.getId()));
        assertThat(stored.getRunCount()).isEqualTo(runningEntries.get());
        assertThat(stored.getStateId()).isEqualTo(history.get(history.size() - 1).getId());
        // Replaying the history gives the run's stored fields only if every transition saw its predecessor.
        Duration running = Duration.ZERO;
        int runs = 0;
        for (int i = 0; i < history.size(); i++) {
            if (i > 0) {
                assertThat(history.get(i).getTimestamp()).isAfter(history.get(i - 1).getTimestamp());
                if (history.get(i - 1).getType() == StateType.RUNNING) {
                    running = running.plus(Duration.between(history.get(i - 1).getTimestamp(), history.get(i).getTimestamp()));
                }
            }
            if (history.get(i).getType() == StateType.RUNNING) {
                runs++;
            }
        }
        assertThat(runs).isEqualTo(runningEntries.get());
        assertThat(stored.getTotalRunTime()).isEqualTo(running);
        assertThat(stored.getStateTimestamp()).isEqualTo(history.get(history.size() - 1).getTimestamp());
    }

    /**
     * A transition that waits for the run's lock applies its rules to the state the lock holder left,
     * and its timestamp, equal to the holder's new state's, still moves forward 1 µs (on PostgreSQL the
     * waiting statement's snapshot predates the holder's state: the insert conflicts and is run again).
     */
    @Test
    void aTransitionWaitingForTheRunsLockSeesTheTransitionThatHeldIt() throws Exception {
        FlowRunEntity run = newFlowRun();
        Instant t = T0.plusSeconds(10);
        StateTransitions transitions = db.queries().transitions();
        db.inTransaction(session -> transitions.setFlowRunState(session, run.getId(), flowState(StateType.PENDING, T0)));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<TransitionResult> holder = pool.submit(() -> db.inTransaction(session -> {
                TransitionResult running = transitions.setFlowRunState(session, run.getId(),
                        flowState(StateType.RUNNING, t));
                holding.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return running;
            }));
            assertThat(holding.await(60, TimeUnit.SECONDS)).isTrue();
            Future<TransitionResult> waiter = pool.submit(() -> db.inTransaction(session ->
                    transitions.setFlowRunState(session, run.getId(), flowState(StateType.COMPLETED, t))));
            // Gives the waiter time to block on the lock; had it not yet, it reads the committed state all
            // the same, so the outcome below does not depend on this pause.
            Thread.sleep(500);
            release.countDown();
            assertThat(holder.get(60, TimeUnit.SECONDS).stateTimestamp()).isEqualTo(t);
            TransitionResult completed = waiter.get(60, TimeUnit.SECONDS);
            assertThat(completed.stateTimestamp()).isEqualTo(t.plus(1, ChronoUnit.MICROS));
            assertThat(completed.runCount()).isEqualTo(1);
            assertThat(completed.startTime()).isEqualTo(t);
            assertThat(completed.endTime()).isEqualTo(t.plus(1, ChronoUnit.MICROS));
            assertThat(completed.totalRunTime()).isEqualTo(Duration.of(1, ChronoUnit.MICROS));
        } finally {
            release.countDown();
            pool.shutdownNow();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(history(true, run.getId())).extracting(StateEntity::getType)
                .containsExactly(StateType.PENDING, StateType.RUNNING, StateType.COMPLETED);
    }

    /**
     * Threads that do not lock the run first (the transition's own lock is the only one) lose no update:
     * every state is written, and the run counts every entry into RUNNING.
     */
    @Test
    void concurrentTransitionsWithoutALockOfTheirOwnLoseNoUpdate() throws Exception {
        FlowRunEntity run = newFlowRun();
        int threads = 8;
        int perThread = 50;
        StateType[] cycle = {StateType.RUNNING, StateType.COMPLETED, StateType.SCHEDULED, StateType.PENDING};
        AtomicInteger runningEntries = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        StateType type = cycle[(thread + i) % cycle.length];
                        db.inTransaction(session -> db.queries().transitions().setFlowRunState(session, run.getId(),
                                flowState(type, T0)));
                        if (type == StateType.RUNNING) {
                            runningEntries.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        // Every state proposed the same timestamp: they took T0 and the microseconds after it, one each.
        List<StateEntity> history = history(true, run.getId());
        assertThat(history).hasSize(threads * perThread);
        for (int i = 0; i < history.size(); i++) {
            assertThat(history.get(i).getTimestamp()).isEqualTo(T0.plus(i, ChronoUnit.MICROS));
        }
        FlowRunEntity stored = db.sessionContext(false, false, session -> session.find(FlowRunEntity.class, run.getId()));
        assertThat(stored.getRunCount()).isEqualTo(runningEntries.get());
        // Applied in timestamp order (each took the next free microsecond under the lock): the last is current.
        assertThat(stored.getStateId()).isEqualTo(history.get(history.size() - 1).getId());
    }

    @Test
    void throughputOfOneWriter() {
        FlowRunEntity run = newFlowRun();
        StateType[] cycle = {StateType.PENDING, StateType.RUNNING, StateType.COMPLETED, StateType.SCHEDULED};
        int warmup = 100;
        int measured = 500;
        long began = 0;
        for (int i = 0; i < warmup + measured; i++) {
            if (i == warmup) {
                began = System.nanoTime();
            }
            StateType type = cycle[i % cycle.length];
            db.inTransactionForUpdate(session -> db.queries().transitions().setFlowRunState(session, run.getId(),
                    flowState(type, Instant.now())));
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        System.out.printf("[%s] one writer: %.0f transitions/s (%d in %.2f s, each in its own transaction)%s%n",
                database.dialect().id(), measured / seconds, measured, seconds, durability());
        assertThat(history(true, run.getId())).hasSize(warmup + measured);
    }

    /** How commits reach the disk in this database, for the throughput lines. */
    private String durability() {
        return db.sessionContext(false, false, session -> Dialects.POSTGRESQL.equals(database.dialect())
                ? " [synchronous_commit=" + session.createNativeQuery("SHOW synchronous_commit").getSingleResult() + "]"
                : " [WAL, synchronous=NORMAL]");
    }

    private FlowRunEntity newFlowRun() {
        FlowEntity flow = new FlowEntity("flow-" + UUID.randomUUID());
        FlowRunEntity run = new FlowRunEntity(flow.getId());
        run.setEmpiricalPolicy(FlowRunPolicy.empty());
        db.inTransaction(session -> {
            session.persist(flow);
            session.persist(run);
            return null;
        });
        return run;
    }

    /** A flow run of a new flow whose parent task run is {@code parentTaskRunId}, stored. */
    private FlowRunEntity newSubflow(UUID parentTaskRunId) {
        FlowEntity flow = new FlowEntity("subflow-" + UUID.randomUUID());
        FlowRunEntity subflow = new FlowRunEntity(flow.getId());
        subflow.setParentTaskRunId(parentTaskRunId);
        db.inTransaction(session -> {
            session.persist(flow);
            session.persist(subflow);
            return null;
        });
        return subflow;
    }

    private TaskRunEntity newTaskRun(UUID flowRunId) {
        TaskRunEntity run = new TaskRunEntity(flowRunId, "task-" + UUID.randomUUID(), "0");
        db.inTransaction(session -> {
            session.persist(run);
            return null;
        });
        return run;
    }

    private static StateEntity newState(boolean flowRun, StateType type, Instant at) {
        return flowRun ? flowState(type, at) : taskState(type, at);
    }

    static FlowRunStateEntity flowState(StateType type, Instant at) {
        FlowRunStateEntity state = new FlowRunStateEntity(type, name(type));
        state.setTimestamp(at);
        return state;
    }

    static TaskRunStateEntity taskState(StateType type, Instant at) {
        TaskRunStateEntity state = new TaskRunStateEntity(type, name(type));
        state.setTimestamp(at);
        return state;
    }

    private static String name(StateType type) {
        return type.name().charAt(0) + type.name().substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    private List<StateEntity> history(boolean flowRun, UUID runId) {
        return db.sessionContext(false, false, session -> new ArrayList<StateEntity>(flowRun
                ? session.createQuery("SELECT s FROM FlowRunState s WHERE s.flowRunId = :run ORDER BY s.timestamp",
                        FlowRunStateEntity.class).setParameter("run", runId).getResultList()
                : session.createQuery("SELECT s FROM TaskRunState s WHERE s.taskRunId = :run ORDER BY s.timestamp",
                        TaskRunStateEntity.class).setParameter("run", runId).getResultList()));
    }

    private long countRows(String table) throws Exception {
        try (var connection = database.connect(); var statement = connection.createStatement();
             var row = statement.executeQuery("SELECT count(*) FROM " + table)) {
            row.next();
            return row.getLong(1);
        }
    }
}
