package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.Stratum;
import io.stratum.api.StratumException;
import io.stratum.api.model.FlowRunState;
import io.stratum.api.model.StateType;
import io.stratum.api.model.TaskRunState;
import io.stratum.api.query.ProposedState;
import io.stratum.api.query.StateTransitions;
import io.stratum.api.query.TransitionOutcome;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bulk transitions ({@code setFlowRunStates}, {@code setTaskRunStates}) give exactly the rows of the same
 * single transitions applied one after another: every scenario runs on two identical sets of runs, once
 * through N single transitions and once through one bulk call, and the runs, their state histories and
 * the results are compared field by field. Run once per dialect by the subclasses.
 */
abstract class BulkTransitionsContract {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    /** The roles of a twin: flow runs f1–f3 (t1, t2 and p are task runs of f1), sub a subflow whose parent task run is p. */
    private static final List<String> ROLES = List.of("f1", "f2", "f3", "sub", "t1", "t2", "p");

    protected TestDatabase database;
    protected DatabaseInterface db;

    abstract TestDatabase newDatabase();

    /** How each statement of a bulk transition of many flow runs without subflows starts, in order. */
    abstract List<String> bulkStatements();

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

    /** A proposed state: the run's role, type, seconds after T0 (plus micros), scheduled time in seconds. */
    record P(String run, StateType type, long at, long micros, Long scheduledAt) {
    }

    static P p(String run, StateType type, long at) {
        return new P(run, type, at, 0, null);
    }

    static P scheduled(String run, long at, long scheduledAt) {
        return new P(run, StateType.SCHEDULED, at, 0, scheduledAt);
    }

    record Scenario(String name, boolean flowRuns, List<P> before, List<P> batch) {
    }

    @Test
    void aBulkCallWritesExactlyTheRowsOfTheSameSingleTransitions() {
        List<Scenario> scenarios = List.of(
                new Scenario("first RUNNING", true,
                        List.of(p("f1", StateType.PENDING, 0), scheduled("f2", 0, 5)),
                        List.of(p("f1", StateType.RUNNING, 10), p("f2", StateType.RUNNING, 10),
                                p("f3", StateType.RUNNING, 10))),
                new Scenario("terminal, terminal to non-terminal, terminal to terminal", true,
                        List.of(p("f1", StateType.PENDING, 0), p("f1", StateType.RUNNING, 5),
                                p("f2", StateType.COMPLETED, 0), p("f3", StateType.FAILED, 0)),
                        List.of(p("f1", StateType.COMPLETED, 20), scheduled("f2", 30, 40),
                                p("f3", StateType.CRASHED, 5), p("f2", StateType.PENDING, 40),
                                p("f2", StateType.RUNNING, 41), p("f2", StateType.COMPLETED, 45))),
                new Scenario("PAUSED to RUNNING and the resuming mark", true,
                        List.of(p("f1", StateType.RUNNING, 0), p("f1", StateType.PAUSED, 10),
                                p("f2", StateType.RUNNING, 0), p("f2", StateType.PAUSED, 10)),
                        List.of(p("f1", StateType.RUNNING, 20), scheduled("f2", 20, 25), p("f2", StateType.PENDING, 25),
                                p("f1", StateType.PAUSED, 30), p("f2", StateType.RUNNING, 26),
                                scheduled("f1", 40, 50), p("f3", StateType.PAUSED, 1), p("f3", StateType.PENDING, 2),
                                p("f2", StateType.RUNNING, 30))),
                new Scenario("colliding timestamps: with history, across runs, the same run twice", true,
                        List.of(p("f1", StateType.PENDING, 10), new P("f1", StateType.SCHEDULED, 10, 1, 60L)),
                        List.of(p("f1", StateType.RUNNING, 10), p("f2", StateType.PENDING, 10),
                                p("f3", StateType.PENDING, 10), p("f2", StateType.RUNNING, 10),
                                p("f2", StateType.COMPLETED, 10), p("f1", StateType.COMPLETED, 5))),
                new Scenario("a missing run fails nothing else", true,
                        List.of(),
                        List.of(p("f1", StateType.PENDING, 0), p("missing", StateType.RUNNING, 0),
                                p("f2", StateType.PENDING, 0), p("missing", StateType.COMPLETED, 1))),
                new Scenario("a subflow moves its parent task run", true,
                        List.of(p("sub", StateType.PENDING, 0), p("f1", StateType.RUNNING, 0)),
                        List.of(p("sub", StateType.RUNNING, 10), p("f1", StateType.COMPLETED, 10),
                                p("sub", StateType.COMPLETED, 20), p("sub", StateType.COMPLETED, 20))),
                new Scenario("task runs record their flow run's run count", false,
                        List.of(p("f1", StateType.RUNNING, 0), p("t1", StateType.PENDING, 0)),
                        List.of(p("t1", StateType.RUNNING, 5), p("t2", StateType.RUNNING, 5), p("p", StateType.PENDING, 5),
                                p("t1", StateType.COMPLETED, 9), p("t2", StateType.FAILED, 5),
                                p("missing", StateType.RUNNING, 5))));
        for (Scenario scenario : scenarios) {
            Map<String, UUID> single = twin();
            Map<String, UUID> bulk = twin();
            for (P step : scenario.before()) {
                db.inTransactionForUpdate(session -> singleTransition(session, single, step));
                db.inTransactionForUpdate(session -> singleTransition(session, bulk, step));
            }
            List<String> singleResults = new ArrayList<>();
            db.inTransactionForUpdate(session -> {
                for (P step : scenario.batch()) {
                    singleResults.add(step.run().equals("missing") ? "missing"
                            : String.valueOf(singleTransition(session, single, step)));
                }
                return null;
            });
            List<TransitionOutcome> outcomes = db.inTransactionForUpdate(session -> scenario.flowRuns()
                    ? db.queries().transitions().setFlowRunStates(session, scenario.batch().stream()
                            .map(step -> ProposedState.<FlowRunState>of(bulk.get(step.run()),
                                    (FlowRunState) state(true, step))).toList())
                    : db.queries().transitions().setTaskRunStates(session, scenario.batch().stream()
                            .map(step -> ProposedState.<TaskRunState>of(bulk.get(step.run()),
                                    (TaskRunState) state(false, step))).toList()));
            assertThat(outcomes).as(scenario.name()).hasSameSizeAs(scenario.batch());
            List<String> bulkResults = new ArrayList<>();
            for (int i = 0; i < outcomes.size(); i++) {
                TransitionOutcome outcome = outcomes.get(i);
                assertThat(outcome.runId()).as(scenario.name()).isEqualTo(bulk.get(scenario.batch().get(i).run()));
                if (outcome instanceof TransitionOutcome.Applied applied) {
                    bulkResults.add(String.valueOf(applied.result()));
                } else {
                    assertThat(outcome).isInstanceOf(TransitionOutcome.RunMissing.class);
                    bulkResults.add("missing");
                }
            }
            Map<UUID, String> singleLabels = new LinkedHashMap<>();
            Map<UUID, String> bulkLabels = new LinkedHashMap<>();
            String singleRows = rows(single, singleLabels);
            String bulkRows = rows(bulk, bulkLabels);
            assertThat(bulkRows).as(scenario.name()).isEqualTo(singleRows);
            assertThat(label(bulkResults, bulkLabels)).as(scenario.name() + ": results")
                    .isEqualTo(label(singleResults, singleLabels));
        }
    }

    @Test
    void manyRunsCostAConstantNumberOfStatements() {
        List<UUID> runs = new ArrayList<>();
        db.inTransaction(session -> {
            FlowEntity flow = new FlowEntity("bulk-" + UUID.randomUUID());
            session.persist(flow);
            for (int i = 0; i < 300; i++) {
                FlowRunEntity run = new FlowRunEntity(flow.getId());
                run.setEmpiricalPolicy(FlowRunPolicy.empty());
                session.persist(run);
                runs.add(run.getId());
            }
            return null;
        });
        List<String> sent = captureStatements(() -> db.inTransactionForUpdate(session ->
                db.queries().transitions().setFlowRunStates(session, runs.stream().map(id ->
                        ProposedState.<FlowRunState>of(id, flowState(StateType.RUNNING, T0))).toList())));
        List<String> expected = bulkStatements();
        assertThat(sent).as("statements for 300 runs: %s", sent).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(sent.get(i)).startsWith(expected.get(i));
        }
        for (UUID id : runs.subList(0, 3)) {
            FlowRunEntity stored = db.sessionContext(false, false, session -> session.find(FlowRunEntity.class, id));
            assertThat(stored.getStateType()).isEqualTo(StateType.RUNNING);
            assertThat(stored.getRunCount()).isEqualTo(1);
            assertThat(stored.getStartTime()).isEqualTo(T0);
        }
        assertThat(countRows("flow_run_state")).isEqualTo(300);
    }

    @Test
    void anEmptyListWritesNothingAndTooManyIsAClearErrorWritingNothing() {
        Map<String, UUID> runs = twin();
        StateTransitions transitions = db.queries().transitions();
        List<TransitionOutcome> none = db.inTransactionForUpdate(session -> transitions.setFlowRunStates(session, List.of()));
        assertThat(none).isEmpty();
        none = db.inTransactionForUpdate(session -> transitions.setTaskRunStates(session, List.of()));
        assertThat(none).isEmpty();

        List<ProposedState<FlowRunState>> tooMany = new ArrayList<>();
        for (int i = 0; i <= StateTransitions.MAX_BULK_TRANSITIONS; i++) {
            tooMany.add(ProposedState.of(runs.get("f1"), flowState(StateType.PENDING, T0.plusSeconds(i))));
        }
        assertThatThrownBy(() -> db.inTransactionForUpdate(session -> transitions.setFlowRunStates(session, tooMany)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most " + StateTransitions.MAX_BULK_TRANSITIONS)
                .hasMessageContaining(String.valueOf(tooMany.size()));
        // Exactly the maximum is accepted: one run moved 1,000 times in list order.
        List<TransitionOutcome> outcomes = db.inTransactionForUpdate(session ->
                transitions.setFlowRunStates(session, tooMany.subList(0, StateTransitions.MAX_BULK_TRANSITIONS)));
        assertThat(outcomes).hasSize(StateTransitions.MAX_BULK_TRANSITIONS)
                .allMatch(outcome -> outcome instanceof TransitionOutcome.Applied);
        assertThat(countRows("flow_run_state")).isEqualTo(StateTransitions.MAX_BULK_TRANSITIONS);

        FlowRunStateEntity reused = flowState(StateType.RUNNING, T0);
        assertThatThrownBy(() -> db.inTransactionForUpdate(session -> transitions.setFlowRunStates(session, List.of(
                ProposedState.of(runs.get("f2"), reused), ProposedState.of(runs.get("f3"), reused)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("new state object");
        assertThatThrownBy(() -> db.inTransactionForUpdate(session -> transitions.setFlowRunStates(session,
                List.of(ProposedState.of(null, flowState(StateType.RUNNING, T0))))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id is null");
        assertThatThrownBy(() -> db.sessionContext(false, false, session -> transitions.setFlowRunStates(session,
                List.of(ProposedState.of(runs.get("f2"), flowState(StateType.RUNNING, T0))))))
                .isInstanceOf(StratumException.class).hasMessageContaining("active transaction");
        assertThat(countRows("flow_run_state")).isEqualTo(StateTransitions.MAX_BULK_TRANSITIONS);
    }

    // ---- helpers

    /** A fresh set of runs: f1 (with task runs t1, t2, p), f2, f3, and sub, a subflow of p. */
    private Map<String, UUID> twin() {
        Map<String, UUID> ids = new LinkedHashMap<>();
        FlowEntity flow = new FlowEntity("twin-" + UUID.randomUUID());
        // One transaction per level: EclipseLink orders the inserts of one flush by entity type, not by the
        // foreign keys between runs.
        db.inTransaction(session -> {
            session.persist(flow);
            for (String role : List.of("f1", "f2", "f3")) {
                FlowRunEntity run = new FlowRunEntity(flow.getId());
                run.setEmpiricalPolicy(FlowRunPolicy.empty());
                session.persist(run);
                ids.put(role, run.getId());
            }
            return null;
        });
        db.inTransaction(session -> {
            for (String role : List.of("t1", "t2", "p")) {
                TaskRunEntity task = new TaskRunEntity(ids.get("f1"), role + "-" + UUID.randomUUID(), "0");
                session.persist(task);
                ids.put(role, task.getId());
            }
            return null;
        });
        db.inTransaction(session -> {
            FlowRunEntity sub = new FlowRunEntity(flow.getId());
            sub.setEmpiricalPolicy(FlowRunPolicy.empty());
            sub.setParentTaskRunId(ids.get("p"));
            session.persist(sub);
            ids.put("sub", sub.getId());
            return null;
        });
        ids.put("missing", UUID.randomUUID());
        return ids;
    }

    private static boolean isFlowRun(String role) {
        return role.startsWith("f") || role.equals("sub") || role.equals("missing");
    }

    private TransitionResult singleTransition(jakarta.persistence.EntityManager session, Map<String, UUID> ids, P step) {
        StateEntity state = state(isFlowRun(step.run()), step);
        return state instanceof FlowRunStateEntity flowState
                ? db.queries().transitions().setFlowRunState(session, ids.get(step.run()), flowState)
                : db.queries().transitions().setTaskRunState(session, ids.get(step.run()), (TaskRunStateEntity) state);
    }

    private static StateEntity state(boolean flowRun, P step) {
        Instant at = T0.plusSeconds(step.at()).plusNanos(step.micros() * 1000);
        StateEntity state = flowRun ? flowState(step.type(), at) : taskState(step.type(), at);
        state.setMessage("to " + step.type() + " at " + step.at());
        if (step.scheduledAt() != null) {
            state.setStateDetails(StateDetails.empty().withScheduledTime(T0.plusSeconds(step.scheduledAt())));
        }
        return state;
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
        return type.name().charAt(0) + type.name().substring(1).toLowerCase(Locale.ROOT);
    }

    /**
     * Every run of the twin and its state history as text, with ids replaced by labels (runs by role, states
     * by role and position), so two twins compare equal when their rows are the same. Fills {@code labels}.
     */
    private String rows(Map<String, UUID> ids, Map<UUID, String> labels) {
        ids.forEach((role, id) -> labels.put(id, role));
        StringBuilder text = new StringBuilder();
        db.sessionContext(false, false, session -> {
            for (String role : ROLES) {
                List<? extends StateEntity> history = isFlowRun(role)
                        ? session.createQuery("SELECT s FROM FlowRunState s WHERE s.flowRunId = :run ORDER BY s.timestamp",
                        FlowRunStateEntity.class).setParameter("run", ids.get(role)).getResultList()
                        : session.createQuery("SELECT s FROM TaskRunState s WHERE s.taskRunId = :run ORDER BY s.timestamp",
                        TaskRunStateEntity.class).setParameter("run", ids.get(role)).getResultList();
                for (int i = 0; i < history.size(); i++) {
                    labels.put(history.get(i).getId(), role + "#" + i);
                }
            }
            for (String role : ROLES) {
                RunEntity run = isFlowRun(role) ? session.find(FlowRunEntity.class, ids.get(role))
                        : session.find(TaskRunEntity.class, ids.get(role));
                session.refresh(run);
                UUID stateId = run instanceof FlowRunEntity flowRun ? flowRun.getStateId() : ((TaskRunEntity) run).getStateId();
                text.append(role).append(": state ").append(stateId).append(' ').append(run.getStateType())
                        .append(' ').append(run.getStateName()).append(' ').append(run.getStateTimestamp())
                        .append(" start ").append(run.getStartTime()).append(" end ").append(run.getEndTime())
                        .append(" runs ").append(run.getRunCount()).append(" total ").append(run.getTotalRunTime())
                        .append(" expected ").append(run.getExpectedStartTime()).append(" next ")
                        .append(run.getNextScheduledStartTime());
                if (run instanceof FlowRunEntity flowRun) {
                    text.append(" resuming ").append(flowRun.getEmpiricalPolicy().resuming());
                } else {
                    text.append(" flow run count ").append(((TaskRunEntity) run).getFlowRunRunCount());
                }
                text.append('\n');
                List<? extends StateEntity> history = isFlowRun(role)
                        ? session.createQuery("SELECT s FROM FlowRunState s WHERE s.flowRunId = :run ORDER BY s.timestamp",
                        FlowRunStateEntity.class).setParameter("run", ids.get(role)).getResultList()
                        : session.createQuery("SELECT s FROM TaskRunState s WHERE s.taskRunId = :run ORDER BY s.timestamp",
                        TaskRunStateEntity.class).setParameter("run", ids.get(role)).getResultList();
                for (StateEntity state : history) {
                    text.append("  ").append(state.getId()).append(' ').append(state.getType()).append(' ')
                            .append(state.getName()).append(' ').append(state.getTimestamp()).append(' ')
                            .append(state.getMessage()).append(' ').append(state.getStateDetails()).append(' ')
                            .append(state.getData()).append('\n');
                }
            }
            return null;
        });
        return label(List.of(text.toString()), labels).get(0);
    }

    private static List<String> label(List<String> texts, Map<UUID, String> labels) {
        List<String> labelled = new ArrayList<>();
        for (String text : texts) {
            String t = text;
            for (Map.Entry<UUID, String> label : labels.entrySet()) {
                t = t.replace(label.getKey().toString(), label.getValue());
            }
            labelled.add(t);
        }
        return labelled;
    }

    private List<String> captureStatements(Runnable work) {
        db.close();
        db = Stratum.open(database.settings().migrateOnStart(true).echo(true).build());
        try (EchoedStatements echoed = EchoedStatements.capture()) {
            work.run();
            return echoed.withoutBeginAndCommit();
        }
    }

    private long countRows(String table) {
        try (var connection = database.connect(); var statement = connection.createStatement();
             var row = statement.executeQuery("SELECT count(*) FROM " + table)) {
            row.next();
            return row.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
