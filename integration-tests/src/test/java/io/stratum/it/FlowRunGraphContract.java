package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.Stratum;
import io.stratum.api.model.StateType;
import io.stratum.api.query.FlowRunGraph;
import io.stratum.api.query.FlowRunGraphTooLargeException;
import io.stratum.api.query.FlowRunGraphs;
import io.stratum.api.query.FlowRunNotFoundException;
import io.stratum.api.query.GraphArtifact;
import io.stratum.api.query.GraphNode;
import io.stratum.api.query.GraphState;
import io.stratum.api.query.SqlFragment;
import io.stratum.orm.model.ArtifactCollectionEntity;
import io.stratum.orm.model.ArtifactEntity;
import io.stratum.orm.model.FlowEntity;
import io.stratum.orm.model.FlowRunEntity;
import io.stratum.orm.model.FlowRunStateEntity;
import io.stratum.orm.model.TaskRunEntity;
import io.stratum.orm.types.Json;
import jakarta.persistence.Query;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The flow run graph (reference {@code flow_run_graph_v2}, §3), run once per dialect by the
 * subclasses. Every expectation is written once — the reference's own cases, a graph drawn at random
 * against a model of the rules, artifacts, states and errors — so both databases must give exactly
 * these graphs, order included.
 */
abstract class FlowRunGraphContract {
    private static final Instant BASE = Instant.parse("2026-04-01T10:00:00.123456Z");
    private static final Instant NO_SINCE = null;

    protected TestDatabase database;
    protected DatabaseInterface db;
    private FlowRunGraphs graphs;
    private FlowEntity flow;
    private FlowEntity childFlow;

    abstract TestDatabase newDatabase();

    @BeforeEach
    void open() {
        database = newDatabase();
        db = Stratum.open(database.settings().migrateOnStart(true).timeout(Duration.ofSeconds(60)).build());
        graphs = db.queries().flowRunGraphs();
        flow = new FlowEntity("parent-flow");
        childFlow = new FlowEntity("child-flow");
        db.inTransaction(session -> {
            session.persist(flow);
            session.persist(childFlow);
            return null;
        });
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
        database.close();
    }

    // ---------------------------------------------------------------- fixtures

    static Instant at(double seconds) {
        return BASE.plusNanos(Math.round(seconds * 1_000_000) * 1_000);
    }

    /** A flow run of the test flow, started at BASE and ended five minutes later (the reference's fixture). */
    FlowRunEntity flowRun(Consumer<FlowRunEntity> adjust) {
        FlowRunEntity run = new FlowRunEntity(flow.getId());
        run.setName("the-run");
        run.setStateType(StateType.COMPLETED);
        run.setStateName("Irrelevant");
        run.setExpectedStartTime(at(-1));
        run.setStartTime(at(0));
        run.setEndTime(at(300));
        adjust.accept(run);
        db.inTransaction(session -> {
            session.persist(run);
            return null;
        });
        return run;
    }

    FlowRunEntity flowRun() {
        return flowRun(run -> { });
    }

    /** A COMPLETED task run named {@code task-<i>} expected at i s − 1 µs, started at i s, ended a minute later. */
    static TaskRunEntity task(FlowRunEntity run, int i, Map<String, Object> inputs) {
        TaskRunEntity task = new TaskRunEntity(run.getId(), "task-" + i, "task-" + i);
        task.setName("task-" + i);
        task.setStateType(StateType.COMPLETED);
        task.setStateName("Irrelevant");
        task.setExpectedStartTime(at(i).minusNanos(1_000));
        task.setStartTime(at(i));
        task.setEndTime(at(60 + i));
        task.setTaskInputs(inputs);
        return task;
    }

    static TaskRunEntity task(FlowRunEntity run, int i) {
        return task(run, i, new HashMap<>());
    }

    /** One task-run argument of a task input, as the engine records it. */
    static Map<String, Object> ref(Object id) {
        Map<String, Object> argument = new LinkedHashMap<>();
        argument.put("input_type", "task_run");
        argument.put("id", id.toString());
        return argument;
    }

    static Map<String, Object> inputs(Object... keysAndArguments) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        for (int i = 0; i < keysAndArguments.length; i += 2) {
            inputs.put((String) keysAndArguments[i], keysAndArguments[i + 1]);
        }
        return inputs;
    }

    void persist(Object... entities) {
        db.inTransaction(session -> {
            for (Object entity : entities) {
                session.persist(entity);
            }
            return null;
        });
    }

    void persistAll(List<?> entities) {
        persist(entities.toArray());
    }

    FlowRunGraph graph(UUID flowRunId, Instant since) {
        return graph(flowRunId, since, FlowRunGraphs.DEFAULT_MAX_NODES, FlowRunGraphs.DEFAULT_MAX_ARTIFACTS);
    }

    FlowRunGraph graph(UUID flowRunId, Instant since, int maxNodes, int maxArtifacts) {
        return db.sessionContext(false, false, session -> graphs.graph(session, flowRunId, since, maxNodes, maxArtifacts));
    }

    static GraphNode node(TaskRunEntity task, Instant start, Instant end, List<UUID> parents, List<UUID> children,
                          List<UUID> encapsulating) {
        return new GraphNode(GraphNode.Kind.TASK_RUN, task.getId(), task.getName(), task.getStateType(),
                task.getStateName(), start, end, parents, children, encapsulating, List.of());
    }

    static GraphNode node(TaskRunEntity task, List<UUID> parents, List<UUID> children, List<UUID> encapsulating) {
        return node(task, task.getStartTime(), task.getEndTime(), parents, children, encapsulating);
    }

    static List<UUID> ids(TaskRunEntity... tasks) {
        List<UUID> ids = new ArrayList<>();
        for (TaskRunEntity task : tasks) {
            ids.add(task.getId());
        }
        return ids;
    }

    // ---------------------------------------------------------------- the run itself

    @Test
    void aMissingFlowRunIsNotFoundNamingIt() {
        UUID missing = UUID.randomUUID();
        assertThatThrownBy(() -> graph(missing, NO_SINCE))
                .isInstanceOf(FlowRunNotFoundException.class)
                .hasMessageContaining("Flow run " + missing + " not found")
                .satisfies(e -> assertThat(((FlowRunNotFoundException) e).flowRunId()).isEqualTo(missing));
    }

    @Test
    void anUnstartedFlowRunStartsAtItsExpectedStartAndHasNoNodes() {
        FlowRunEntity run = flowRun(r -> {
            r.setStartTime(null);
            r.setEndTime(null);
        });
        FlowRunGraph graph = graph(run.getId(), NO_SINCE);
        assertThat(graph).isEqualTo(new FlowRunGraph(at(-1), null, List.of(), List.of(), List.of(), List.of()));

        FlowRunEntity started = flowRun();
        assertThat(graph(started.getId(), Instant.parse("0001-01-01T00:00:00Z")))
                .isEqualTo(new FlowRunGraph(at(0), at(300), List.of(), List.of(), List.of(), List.of()));
    }

    // ---------------------------------------------------------------- the reference's graphs

    @Test
    void flatTasksAreAllRootsAndPendingOrUnstartedTasksAreLeftOut() {
        FlowRunEntity run = flowRun();
        List<TaskRunEntity> tasks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tasks.add(task(run, i));
        }
        // A cached task: COMPLETED without times of its own starts and ends at its expected start.
        tasks.get(2).setStartTime(null);
        tasks.get(2).setEndTime(null);
        tasks.get(2).setStateName("Cached");
        TaskRunEntity pending = task(run, 3);
        pending.setTaskKey("task-pending");
        pending.setName("task-pending");
        pending.setStateType(StateType.PENDING);
        TaskRunEntity runningUnstarted = task(run, 9);
        runningUnstarted.setTaskKey("task-running");
        runningUnstarted.setStateType(StateType.RUNNING);
        runningUnstarted.setExpectedStartTime(null);
        runningUnstarted.setStartTime(null);
        runningUnstarted.setEndTime(null);
        TaskRunEntity stateless = task(run, 4);
        stateless.setTaskKey("task-stateless");
        stateless.setStateType(null);
        stateless.setStateName(null);
        persistAll(tasks);
        persist(pending, runningUnstarted, stateless);

        FlowRunGraph graph = graph(run.getId(), NO_SINCE);

        assertThat(graph.startTime()).isEqualTo(at(0));
        assertThat(graph.endTime()).isEqualTo(at(300));
        assertThat(graph.rootNodeIds()).containsExactlyElementsOf(ids(tasks.toArray(TaskRunEntity[]::new)));
        List<GraphNode> expected = new ArrayList<>();
        for (TaskRunEntity task : tasks) {
            Instant start = task.getStartTime() != null ? task.getStartTime() : task.getExpectedStartTime();
            Instant end = task.getEndTime() != null ? task.getEndTime() : task.getExpectedStartTime();
            expected.add(node(task, start, end, List.of(), List.of(), List.of()));
        }
        assertThat(graph.nodes()).containsExactlyElementsOf(expected);
        assertThat(graph.nodes().get(2).stateName()).isEqualTo("Cached");
        assertThat(graph.nodes()).allSatisfy(node -> assertThat(node.kind().label()).isEqualTo("task-run"));
    }

    @Test
    void nestedTasksAreEncapsulatedByTheirCallerNotItsChildren() {
        // flow └── task0 └── task1 -> task2: task0 encapsulates task1 and task2, which it has no edge to.
        FlowRunEntity run = flowRun();
        TaskRunEntity task0 = task(run, 1);
        TaskRunEntity task1 = task(run, 2, inputs("__parents__", List.of(ref(task0.getId()))));
        TaskRunEntity task2 = task(run, 3, inputs("x", List.of(ref(task1.getId())), "__parents__", List.of(ref(task0.getId()))));
        persist(task0, task1, task2);

        FlowRunGraph graph = graph(run.getId(), NO_SINCE);

        assertThat(graph.rootNodeIds()).containsExactly(task0.getId(), task1.getId());
        assertThat(graph.nodes()).containsExactly(
                node(task0, List.of(), List.of(), List.of()),
                node(task1, List.of(), ids(task2), ids(task0)),
                node(task2, ids(task1), List.of(), ids(task0)));
    }

    @Test
    void aNodeIsNamedOnceInEachListWhateverTheInputsRepeat() {
        // The reference repeats a parent once per input of the parent task (and then removes the repeats
        // from encapsulating ids only); here every list names a node once.
        FlowRunEntity run = flowRun();
        TaskRunEntity caller = task(run, 1, inputs("first_arg", List.of(), "second_arg", List.of()));
        TaskRunEntity source = task(run, 2, inputs("a", List.of(), "b", List.of(), "__parents__", List.of(ref(caller.getId()))));
        TaskRunEntity sink = task(run, 3, inputs(
                "x", List.of(ref(source.getId()), ref(source.getId())),
                "y", List.of(ref(source.getId())),
                "__parents__", List.of(ref(caller.getId()), ref(caller.getId()))));
        persist(caller, source, sink);

        FlowRunGraph graph = graph(run.getId(), NO_SINCE);

        assertThat(graph.nodes()).containsExactly(
                node(caller, List.of(), List.of(), List.of()),
                node(source, List.of(), ids(sink), ids(caller)),
                node(sink, ids(source), List.of(), ids(caller)));
    }

    /** The reference's linked tasks: task-0..3 at the top, task-4 takes 0 and 1, task-5 takes 2 and 3; a PENDING task mixed in. */
    List<TaskRunEntity> linkedTasks(FlowRunEntity run) {
        List<TaskRunEntity> tasks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            tasks.add(task(run, i));
        }
        for (int j = 0; j < 2; j++) {
            tasks.add(task(run, 4 + j, inputs("x", List.of(ref(tasks.get(2 * j).getId())),
                    "y", List.of(ref(tasks.get(2 * j + 1).getId())))));
        }
        TaskRunEntity pending = task(run, 3);
        pending.setTaskKey("task-pending");
        pending.setStateType(StateType.PENDING);
        persistAll(tasks);
        persist(pending);
        return tasks;
    }

    @Test
    void linkedTasksHaveTheirParentsAndChildrenInStartOrder() {
        FlowRunEntity run = flowRun();
        List<TaskRunEntity> t = linkedTasks(run);

        FlowRunGraph graph = graph(run.getId(), NO_SINCE);

        assertThat(graph.rootNodeIds()).containsExactlyElementsOf(ids(t.get(0), t.get(1), t.get(2), t.get(3)));
        assertThat(graph.nodes()).containsExactly(
                node(t.get(0), List.of(), ids(t.get(4)), List.of()),
                node(t.get(1), List.of(), ids(t.get(4)), List.of()),
                node(t.get(2), List.of(), ids(t.get(5)), List.of()),
                node(t.get(3), List.of(), ids(t.get(5)), List.of()),
                node(t.get(4), ids(t.get(0), t.get(1)), List.of(), List.of()),
                node(t.get(5), ids(t.get(2), t.get(3)), List.of(), List.of()));
    }

    @Test
    void unstartedLinkedTasksStartAtTheirExpectedStart() {
        FlowRunEntity run = flowRun();
        List<TaskRunEntity> t = linkedTasks(run);
        db.inTransaction(session -> session.createQuery("UPDATE TaskRun t SET t.startTime = NULL").executeUpdate());

        FlowRunGraph graph = graph(run.getId(), NO_SINCE);

        assertThat(graph.nodes()).extracting(GraphNode::startTime)
                .containsExactly(t.stream().map(TaskRunEntity::getExpectedStartTime).toArray(Instant[]::new));
        assertThat(graph.nodes().get(4).parents()).containsExactlyElementsOf(ids(t.get(0), t.get(1)));
    }

    @Test
    void sinceLeavesOutNodesThatEndedBeforeItAndKeepsEdgesToThem() {
        FlowRunEntity run = flowRun();
        List<TaskRunEntity> t = linkedTasks(run);
        // Just after task-1 ends (and before task-2 does): tasks 2 to 5 remain.
        Instant since = at(61.001);

        FlowRunGraph graph = graph(run.getId(), since);

        assertThat(graph.rootNodeIds()).containsExactlyElementsOf(ids(t.get(2), t.get(3)));
        assertThat(graph.nodes()).containsExactly(
                node(t.get(2), List.of(), ids(t.get(5)), List.of()),
                node(t.get(3), List.of(), ids(t.get(5)), List.of()),
                node(t.get(4), ids(t.get(0), t.get(1)), List.of(), List.of()),
                node(t.get(5), ids(t.get(2), t.get(3)), List.of(), List.of()));
        // A node ending exactly at since stays; one unended always does; nanoseconds round up to the stored microsecond.
        assertThat(graph(run.getId(), at(62)).nodes()).hasSize(4);
        assertThat(graph(run.getId(), at(62).plusNanos(1)).nodes()).hasSize(3);
        db.inTransaction(session -> session.createQuery("UPDATE TaskRun t SET t.endTime = NULL, t.stateType = :running"
                        + " WHERE t.stateType <> :pending")
                .setParameter("running", StateType.RUNNING).setParameter("pending", StateType.PENDING).executeUpdate());
        assertThat(graph(run.getId(), at(100_000)).nodes()).hasSize(6).allSatisfy(node -> assertThat(node.endTime()).isNull());
        // Far past and far future are fine on both databases.
        assertThat(graph(run.getId(), Instant.MIN).nodes()).hasSize(6);
        assertThat(graph(run.getId(), Instant.MAX).nodes()).hasSize(6);
    }

    @Test
    void aSubflowIsShownAsItsFlowRunWithItsFlowInTheLabel() {
        FlowRunEntity run = flowRun();
        TaskRunEntity before = task(run, 1);
        TaskRunEntity wrapper = task(run, 2, inputs("x", List.of(ref(before.getId()))));
        wrapper.setStateType(StateType.RUNNING);
        wrapper.setEndTime(null);
        FlowRunEntity subflow = new FlowRunEntity(childFlow.getId());
        subflow.setName("sub-run");
        subflow.setParentTaskRunId(wrapper.getId());
        subflow.setStateType(StateType.FAILED);
        subflow.setStateName("Crashed?");
        subflow.setExpectedStartTime(at(2.5));
        subflow.setEndTime(at(30));
        // A task taking the subflow's result names the subflow run.
        TaskRunEntity after = task(run, 40, inputs("y", List.of(Map.of("input_type", "flow_run", "id",
                subflow.getId().toString()))));
        persist(before, wrapper, after);
        persist(subflow);

        FlowRunGraph graph = graph(run.getId(), NO_SINCE);

        assertThat(graph.nodes()).containsExactly(
                node(before, List.of(), List.of(subflow.getId()), List.of()),
                new GraphNode(GraphNode.Kind.FLOW_RUN, subflow.getId(), "child-flow / sub-run", StateType.FAILED,
                        "Crashed?", at(2.5), at(30), ids(before), ids(after), List.of(), List.of()),
                node(after, List.of(subflow.getId()), List.of(), List.of()));
        assertThat(graph.nodes().get(1).kind().label()).isEqualTo("flow-run");
        // The subflow's own task runs belong to its own graph.
        assertThat(graph(subflow.getId(), NO_SINCE).nodes()).isEmpty();
    }

    @Test
    void nodesTieOnStartByEndUnendedLastThenIdAndListsTieById() {
        FlowRunEntity run = flowRun();
        List<TaskRunEntity> tasks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            TaskRunEntity task = task(run, i);
            task.setStartTime(at(5));
            task.setEndTime(i % 3 == 0 ? null : at(10 + i % 2));
            if (task.getEndTime() == null) {
                task.setStateType(StateType.RUNNING);
            }
            tasks.add(task);
        }
        TaskRunEntity sink = task(run, 20, inputs("x", tasks.stream().map(t -> (Object) ref(t.getId())).toList()));
        persistAll(tasks);
        persist(sink);

        FlowRunGraph graph = graph(run.getId(), NO_SINCE);

        Comparator<TaskRunEntity> byEndThenId = Comparator
                .comparing(TaskRunEntity::getEndTime, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(t -> t.getId().toString());
        List<UUID> expectedOrder = tasks.stream().sorted(byEndThenId).map(TaskRunEntity::getId).toList();
        assertThat(graph.nodes()).extracting(GraphNode::id).containsExactlyElementsOf(
                concat(expectedOrder, sink.getId()));
        List<UUID> byId = tasks.stream().map(t -> t.getId().toString()).sorted().map(UUID::fromString).toList();
        assertThat(graph.nodes().get(6).parents()).containsExactlyElementsOf(byId);
    }

    static List<UUID> concat(List<UUID> ids, UUID last) {
        List<UUID> all = new ArrayList<>(ids);
        all.add(last);
        return all;
    }

    @Test
    void oddTaskInputsNeitherFailTheGraphNorMakeEdges() {
        FlowRunEntity run = flowRun();
        TaskRunEntity parent = task(run, 1);
        Map<String, Object> odd = new LinkedHashMap<>();
        odd.put("not_a_list", ref(parent.getId()));
        odd.put("scalars", List.of("text", 7, true));
        odd.put("nested", List.of(List.of(ref(parent.getId()))));
        odd.put("bad_id", List.of(ref("not-a-uuid"), Map.of("input_type", "task_run", "id", 42)));
        odd.put("parameter", List.of(Map.of("input_type", "parameter", "name", "n")));
        odd.put("elsewhere", List.of(ref(UUID.randomUUID())));
        // Only the hyphenated form names a node: not without hyphens, braced or padded (PostgreSQL's uuid reads them all).
        String id = parent.getId().toString();
        odd.put("other_forms", List.of(ref(id.replace("-", "")), ref("{" + id + "}"), ref(" " + id), ref(id + " ")));
        // An id under another name, or an id that is an object holding one, is not one.
        odd.put("wrapped", List.of(Map.of("input_type", "task_run", "task_run_id", id),
                Map.of("input_type", "task_run", "id", Map.of("id", id))));
        TaskRunEntity child = task(run, 2, odd);
        // An id in capitals still names the node, on both databases.
        TaskRunEntity shouting = task(run, 3, inputs("x", List.of(ref(parent.getId().toString().toUpperCase()))));
        persist(parent, child, shouting);

        FlowRunGraph graph = graph(run.getId(), NO_SINCE);

        assertThat(graph.nodes()).containsExactly(
                node(parent, List.of(), ids(shouting), List.of()),
                node(child, List.of(), List.of(), List.of()),
                node(shouting, ids(parent), List.of(), List.of()));
    }

    @Test
    void inputsThatAreNotAnObjectOfArraysMakeNoEdgesAndRepeatedIdsCountOnce() {
        FlowRunEntity run = flowRun();
        TaskRunEntity parent = task(run, 1);
        TaskRunEntity arrayInputs = task(run, 2);
        TaskRunEntity scalarInputs = task(run, 3);
        TaskRunEntity both = task(run, 4, inputs("x", List.of(ref(parent.getId())), "__parents__", List.of(ref(parent.getId()))));
        persist(parent, arrayInputs, scalarInputs, both);
        setTaskInputs(arrayInputs, "[{\"x\": [" + refJson(parent.getId()) + "]}]");
        setTaskInputs(scalarInputs, "\"" + parent.getId() + "\"");

        FlowRunGraph graph = graph(run.getId(), NO_SINCE);

        // The same node as parent and as encapsulating node: once in each list, once among the children.
        assertThat(graph.nodes()).containsExactly(
                node(parent, List.of(), ids(both), List.of()),
                node(arrayInputs, List.of(), List.of(), List.of()),
                node(scalarInputs, List.of(), List.of(), List.of()),
                node(both, ids(parent), List.of(), ids(parent)));
    }

    /** Stores JSON text as a task run's inputs, as a writer other than Stratum's entities could. */
    void setTaskInputs(TaskRunEntity task, String json) {
        db.inTransaction(session -> {
            SqlFragment inputs = db.queries().helpers().sql().json(json);
            SqlFragment id = db.queries().helpers().sql().value(task.getId());
            Query update = session.createNativeQuery("UPDATE task_run SET task_inputs = " + inputs.sql()
                    + " WHERE id = " + id.sql());
            id.bindTo(update, inputs.bindTo(update, 1));
            return update.executeUpdate();
        });
    }

    static String refJson(UUID id) {
        return "{\"input_type\": \"task_run\", \"id\": \"" + id + "\"}";
    }

    // ---------------------------------------------------------------- a random graph against a model of the rules

    @Test
    void aRandomGraphMatchesAModelOfTheRulesOnEveryWindow() {
        Random random = new Random(20260401);
        FlowRunEntity run = flowRun();
        FlowRunEntity otherRun = flowRun();
        List<TaskRunEntity> tasks = new ArrayList<>();
        List<FlowRunEntity> subflows = new ArrayList<>();
        StateType[] states = {StateType.COMPLETED, StateType.RUNNING, StateType.FAILED, StateType.PENDING, null,
                StateType.SCHEDULED, StateType.COMPLETED};
        for (int i = 0; i < 60; i++) {
            TaskRunEntity task = new TaskRunEntity(run.getId(), "key-" + i, "0");
            task.setName("t" + i);
            task.setStateType(states[random.nextInt(states.length)]);
            task.setStateName(task.getStateType() == null ? null : "s" + random.nextInt(3));
            // Coarse times on a few seconds, so that starts and ends tie often.
            task.setExpectedStartTime(random.nextInt(5) == 0 ? null : at(random.nextInt(8)));
            task.setStartTime(random.nextInt(3) == 0 ? null : at(random.nextInt(8)));
            task.setEndTime(random.nextInt(3) == 0 ? null : at(8 + random.nextInt(8)));
            tasks.add(task);
        }
        List<UUID> referable = new ArrayList<>();
        tasks.forEach(task -> referable.add(task.getId()));
        for (TaskRunEntity task : tasks) {
            if (random.nextInt(4) == 0) {
                FlowRunEntity subflow = new FlowRunEntity(childFlow.getId());
                subflow.setName("sub-" + task.getName());
                subflow.setParentTaskRunId(task.getId());
                subflow.setStateType(random.nextBoolean() ? null : StateType.CANCELLED);
                subflow.setStateName(subflow.getStateType() == null ? null : "Cancelled");
                subflow.setStartTime(random.nextBoolean() ? null : at(random.nextInt(8)));
                subflow.setExpectedStartTime(random.nextBoolean() ? null : at(random.nextInt(8)));
                subflow.setEndTime(random.nextBoolean() ? null : at(8 + random.nextInt(8)));
                subflows.add(subflow);
                referable.add(subflow.getId());
            }
        }
        TaskRunEntity foreign = new TaskRunEntity(otherRun.getId(), "foreign", "0");
        foreign.setStateType(StateType.COMPLETED);
        foreign.setStartTime(at(1));
        referable.add(foreign.getId());
        referable.add(UUID.randomUUID());
        for (TaskRunEntity task : tasks) {
            Map<String, Object> inputs = new LinkedHashMap<>();
            int keys = random.nextInt(4);
            for (int k = 0; k < keys; k++) {
                List<Object> arguments = new ArrayList<>();
                int count = random.nextInt(4);
                for (int a = 0; a < count; a++) {
                    arguments.add(ref(referable.get(random.nextInt(referable.size()))));
                }
                inputs.put(random.nextInt(3) == 0 ? "__parents__" + (k == 0 ? "" : "_not") : "arg" + k, arguments);
            }
            task.setTaskInputs(inputs);
        }
        persistAll(tasks);
        persistAll(subflows);
        persist(foreign);

        List<Instant> windows = new ArrayList<>();
        windows.add(null);
        for (int s = 7; s <= 17; s += 2) {
            windows.add(at(s));
        }
        int compared = 0;
        for (Instant since : windows) {
            List<GraphNode> expected = GraphModel.nodes(tasks, subflows, childFlow.getName(), since);
            FlowRunGraph actual = graph(run.getId(), since);
            assertThat(actual.nodes()).as("since %s", since).containsExactlyElementsOf(expected);
            assertThat(actual.rootNodeIds()).as("roots since %s", since).containsExactlyElementsOf(
                    expected.stream().filter(node -> node.parents().isEmpty()).map(GraphNode::id).toList());
            compared += expected.size();
        }
        // The draw exercised what it is meant to: nodes, subflows, all three kinds of edge.
        List<GraphNode> all = GraphModel.nodes(tasks, subflows, childFlow.getName(), null);
        assertThat(compared).isGreaterThan(100);
        assertThat(all).anySatisfy(node -> assertThat(node.kind()).isEqualTo(GraphNode.Kind.FLOW_RUN));
        assertThat(all).anySatisfy(node -> assertThat(node.parents()).hasSizeGreaterThan(1));
        assertThat(all).anySatisfy(node -> assertThat(node.children()).hasSizeGreaterThan(1));
        assertThat(all).anySatisfy(node -> assertThat(node.encapsulating()).isNotEmpty());
        assertThat(all).anySatisfy(node -> assertThat(node.endTime()).isNull());
    }

    /** The graph rules of {@link FlowRunGraphs#graph} written out in Java, independently of either query. */
    static final class GraphModel {
        private static final Comparator<UUID> UUID_ORDER = Comparator.comparing(UUID::toString);

        static List<GraphNode> nodes(List<TaskRunEntity> tasks, List<FlowRunEntity> subflows, String subflowName,
                                     Instant since) {
            Map<UUID, FlowRunEntity> subflowOf = new HashMap<>();
            subflows.forEach(subflow -> subflowOf.put(subflow.getParentTaskRunId(), subflow));
            Map<UUID, GraphNode> nodes = new LinkedHashMap<>();
            Map<UUID, TaskRunEntity> taskOf = new HashMap<>();
            for (TaskRunEntity task : tasks) {
                if (task.getStateType() == null || task.getStateType() == StateType.PENDING) {
                    continue;
                }
                FlowRunEntity sub = subflowOf.get(task.getId());
                Instant start = first(sub == null ? null : sub.getStartTime(), sub == null ? null : sub.getExpectedStartTime(),
                        task.getStartTime(), task.getExpectedStartTime());
                if (start == null) {
                    continue;
                }
                Instant end = first(sub == null ? null : sub.getEndTime(), task.getEndTime(),
                        task.getStateType() == StateType.COMPLETED ? task.getExpectedStartTime() : null);
                UUID id = sub == null ? task.getId() : sub.getId();
                GraphNode node = new GraphNode(sub == null ? GraphNode.Kind.TASK_RUN : GraphNode.Kind.FLOW_RUN, id,
                        sub == null ? task.getName() : subflowName + " / " + sub.getName(),
                        first(sub == null ? null : sub.getStateType(), task.getStateType()),
                        first(sub == null ? null : sub.getStateName(), task.getStateName()),
                        start, end, List.of(), List.of(), List.of(), List.of());
                nodes.put(id, node);
                taskOf.put(id, task);
            }
            Map<UUID, Set<UUID>> parents = new HashMap<>();
            Map<UUID, Set<UUID>> children = new HashMap<>();
            Map<UUID, Set<UUID>> encapsulating = new HashMap<>();
            taskOf.forEach((childId, task) -> task.getTaskInputs().forEach((key, arguments) -> {
                for (Object argument : (List<?>) arguments) {
                    UUID parentId = UUID.fromString((String) ((Map<?, ?>) argument).get("id"));
                    if (!nodes.containsKey(parentId)) {
                        continue;
                    }
                    if (key.equals("__parents__")) {
                        encapsulating.computeIfAbsent(childId, id -> new LinkedHashSet<>()).add(parentId);
                    } else {
                        parents.computeIfAbsent(childId, id -> new LinkedHashSet<>()).add(parentId);
                        children.computeIfAbsent(parentId, id -> new LinkedHashSet<>()).add(childId);
                    }
                }
            }));
            Comparator<UUID> byStart = Comparator.comparing((UUID id) -> nodes.get(id).startTime()).thenComparing(UUID_ORDER);
            List<GraphNode> result = new ArrayList<>();
            for (GraphNode node : nodes.values()) {
                if (since != null && node.endTime() != null && node.endTime().isBefore(since)) {
                    continue;
                }
                result.add(new GraphNode(node.kind(), node.id(), node.label(), node.stateType(), node.stateName(),
                        node.startTime(), node.endTime(), sorted(parents.get(node.id()), byStart),
                        sorted(children.get(node.id()), byStart), sorted(encapsulating.get(node.id()), byStart), List.of()));
            }
            result.sort(Comparator.comparing(GraphNode::startTime)
                    .thenComparing(GraphNode::endTime, Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(GraphNode::id, UUID_ORDER));
            return result;
        }

        private static List<UUID> sorted(Set<UUID> ids, Comparator<UUID> order) {
            return ids == null ? List.of() : ids.stream().sorted(order).toList();
        }

        @SafeVarargs
        private static <T> T first(T... values) {
            for (T value : values) {
                if (value != null) {
                    return value;
                }
            }
            return null;
        }
    }

    // ---------------------------------------------------------------- artifacts and states

    ArtifactEntity artifact(FlowRunEntity run, TaskRunEntity task, String key, String type, String data, double createdAt) {
        ArtifactEntity artifact = new ArtifactEntity();
        artifact.setFlowRunId(run.getId());
        artifact.setTaskRunId(task == null ? null : task.getId());
        artifact.setKey(key);
        artifact.setType(type);
        artifact.setData(data == null ? null : Json.tree(data, "data"));
        artifact.setCreated(at(createdAt));
        return artifact;
    }

    @Test
    void artifactsGoToTheirNodeOrTheFlowWithProgressDataAndLatestOfTheirKey() {
        FlowRunEntity run = flowRun();
        TaskRunEntity first = task(run, 1);
        TaskRunEntity second = task(run, 2);
        TaskRunEntity pending = task(run, 3);
        pending.setStateType(StateType.PENDING);
        ArtifactEntity flowTable = artifact(run, null, null, "table", "[[1, 2]]", 1);
        ArtifactEntity progressOld = artifact(run, first, "progress-key", "progress", "12.5", 2);
        // SQLite keeps a JSON number whole (100.0 is stored as 100): graphs give every number as a double.
        ArtifactEntity progressNew = artifact(run, first, "progress-key", "progress", "100.0", 3);
        ArtifactEntity result = artifact(run, second, null, "result", "{\"value\": 1}", 4);
        ArtifactEntity untyped = artifact(run, second, null, null, "\"x\"", 4.5);
        ArtifactEntity markdown = artifact(run, second, "report", "markdown", "\"# Report\"", 5);
        ArtifactEntity ofPending = artifact(run, pending, null, "markdown", "\"hidden\"", 6);
        ArtifactEntity flowProgress = artifact(run, null, null, "progress", "{\"done\": [1, true, null]}", 7);
        ArtifactEntity elsewhere = artifact(flowRun(), null, null, "markdown", "\"other run\"", 0);
        ArtifactCollectionEntity progressCollection = new ArtifactCollectionEntity();
        progressCollection.setKey("progress-key");
        progressCollection.setLatestId(progressNew.getId());
        ArtifactCollectionEntity reportCollection = new ArtifactCollectionEntity();
        reportCollection.setKey("report");
        // The collection of a key points at another run's artifact: this one is not the latest.
        reportCollection.setLatestId(UUID.randomUUID());
        persist(first, second, pending, flowTable, progressOld, progressNew, result, untyped, markdown, ofPending,
                flowProgress, elsewhere, progressCollection, reportCollection);

        FlowRunGraph graph = graph(run.getId(), NO_SINCE);

        assertThat(graph.artifacts()).containsExactly(
                new GraphArtifact(flowTable.getId(), at(1), null, "table", true, null),
                new GraphArtifact(flowProgress.getId(), at(7), null, "progress", true,
                        Map.of("done", java.util.Arrays.asList(1.0, true, null))));
        assertThat(graph.nodes()).hasSize(2);
        assertThat(graph.nodes().get(0).artifacts()).containsExactly(
                new GraphArtifact(progressOld.getId(), at(2), "progress-key", "progress", false, 12.5),
                new GraphArtifact(progressNew.getId(), at(3), "progress-key", "progress", true, 100.0));
        assertThat(graph.nodes().get(1).artifacts()).containsExactly(
                new GraphArtifact(markdown.getId(), at(5), "report", "markdown", false, null));

        // The first maxArtifacts by creation time, wherever they belong; none at all with 0.
        FlowRunGraph three = graph(run.getId(), NO_SINCE, 100, 3);
        assertThat(three.artifacts()).extracting(GraphArtifact::id).containsExactly(flowTable.getId());
        assertThat(three.nodes().get(0).artifacts()).hasSize(2);
        assertThat(three.nodes().get(1).artifacts()).isEmpty();
        FlowRunGraph none = graph(run.getId(), NO_SINCE, 100, 0);
        assertThat(none.artifacts()).isEmpty();
        assertThat(none.nodes()).allSatisfy(node -> assertThat(node.artifacts()).isEmpty());
    }

    @Test
    void statesAreEveryStateOfTheFlowRunByTimestamp() {
        FlowRunEntity run = flowRun();
        FlowRunStateEntity running = new FlowRunStateEntity(StateType.RUNNING, "Running");
        running.setTimestamp(at(2));
        FlowRunStateEntity scheduled = new FlowRunStateEntity(StateType.SCHEDULED, "Late");
        scheduled.setTimestamp(at(-5));
        FlowRunStateEntity completed = new FlowRunStateEntity(StateType.COMPLETED, "Completed");
        completed.setTimestamp(at(300));
        for (FlowRunStateEntity state : List.of(running, completed, scheduled)) {
            state.setFlowRunId(run.getId());
        }
        FlowRunStateEntity otherRuns = new FlowRunStateEntity(StateType.FAILED, "Failed");
        otherRuns.setFlowRunId(flowRun().getId());
        persist(running, completed, scheduled, otherRuns);

        assertThat(graph(run.getId(), NO_SINCE).states()).containsExactly(
                new GraphState(scheduled.getId(), at(-5), StateType.SCHEDULED, "Late"),
                new GraphState(running.getId(), at(2), StateType.RUNNING, "Running"),
                new GraphState(completed.getId(), at(300), StateType.COMPLETED, "Completed"));
    }

    // ---------------------------------------------------------------- limits, sessions

    @Test
    void aGraphOverMaxNodesIsRefusedNamingTheLimit() {
        FlowRunEntity run = flowRun();
        List<TaskRunEntity> t = linkedTasks(run);

        assertThat(graph(run.getId(), NO_SINCE, 6, 0).nodes()).hasSize(6);
        assertThatThrownBy(() -> graph(run.getId(), NO_SINCE, 5, 0))
                .isInstanceOf(FlowRunGraphTooLargeException.class)
                .hasMessageContaining("The graph of flow run " + run.getId() + " has more than 5 nodes")
                .hasMessageContaining("maxNodes")
                .satisfies(e -> assertThat(((FlowRunGraphTooLargeException) e).maxNodes()).isEqualTo(5));
        assertThatThrownBy(() -> graph(run.getId(), NO_SINCE, 0, 0)).isInstanceOf(FlowRunGraphTooLargeException.class);
        // The limit counts the window, not the run.
        assertThat(graph(run.getId(), at(61.001), 4, 0).nodes()).extracting(GraphNode::id)
                .containsExactlyElementsOf(ids(t.get(2), t.get(3), t.get(4), t.get(5)));
        assertThat(graph(flowRun().getId(), NO_SINCE, 0, 0).nodes()).isEmpty();
    }

    @Test
    void countsPastTheirBoundsAreRefusedBeforeAnythingIsRead() {
        UUID missing = UUID.randomUUID();
        assertThatThrownBy(() -> graph(missing, NO_SINCE, FlowRunGraphs.MAX_NODES + 1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxNodes is " + (FlowRunGraphs.MAX_NODES + 1))
                .hasMessageContaining("maximum of " + FlowRunGraphs.MAX_NODES);
        assertThatThrownBy(() -> graph(missing, NO_SINCE, 10, FlowRunGraphs.MAX_ARTIFACTS + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxArtifacts is " + (FlowRunGraphs.MAX_ARTIFACTS + 1));
        assertThatThrownBy(() -> graph(missing, NO_SINCE, -1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxNodes is -1");
        assertThatThrownBy(() -> graph(missing, NO_SINCE, 1, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxArtifacts is -1");
        assertThatThrownBy(() -> graph(null, NO_SINCE, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("flow run's id");
        // The maxima themselves are accepted.
        assertThat(graph(flowRun().getId(), NO_SINCE, FlowRunGraphs.MAX_NODES, FlowRunGraphs.MAX_ARTIFACTS).nodes()).isEmpty();
    }

    @Test
    void insideATransactionTheGraphSeesItsUncommittedRows() {
        FlowRunEntity run = flowRun();
        TaskRunEntity committed = task(run, 1);
        persist(committed);
        FlowRunGraph graph = db.inTransaction(session -> {
            TaskRunEntity pendingWrite = task(run, 2, inputs("x", List.of(ref(committed.getId()))));
            session.persist(pendingWrite);
            return graphs.graph(session, run.getId(), null, 10, 10);
        });
        assertThat(graph.nodes()).hasSize(2);
        assertThat(graph.nodes().get(1).parents()).containsExactly(committed.getId());
    }

    // ---------------------------------------------------------------- measured

    /**
     * A run of 5,000 task runs (a chain of 50 branches of 100, each task taking its predecessor's result,
     * all encapsulated by the branch's first task, the branch's last a subflow): the time to build the
     * graph is printed, not asserted (speed targets live in the benchmarks module).
     */
    @Test
    void aRunOfFiveThousandTaskRunsBuildsItsGraph() {
        FlowRunEntity run = flowRun();
        List<TaskRunEntity> tasks = new ArrayList<>();
        List<FlowRunEntity> subflows = new ArrayList<>();
        TaskRunEntity previous = null;
        TaskRunEntity branchHead = null;
        for (int i = 0; i < 5_000; i++) {
            Map<String, Object> inputs = new LinkedHashMap<>();
            inputs.put("n", List.of());
            if (previous != null && i % 100 != 0) {
                inputs.put("x", List.of(ref(previous.getId())));
                inputs.put("__parents__", List.of(ref(branchHead.getId())));
            }
            TaskRunEntity task = task(run, i, inputs);
            if (i % 100 == 0) {
                branchHead = task;
            }
            if (i % 100 == 99) {
                FlowRunEntity subflow = new FlowRunEntity(childFlow.getId());
                subflow.setParentTaskRunId(task.getId());
                subflow.setStartTime(at(i));
                subflows.add(subflow);
            }
            tasks.add(task);
            previous = task;
        }
        for (int from = 0; from < tasks.size(); from += 1_000) {
            persistAll(tasks.subList(from, from + 1_000));
        }
        persistAll(subflows);

        long[] nanos = new long[5];
        FlowRunGraph graph = null;
        for (int round = 0; round < nanos.length; round++) {
            long begin = System.nanoTime();
            graph = graph(run.getId(), NO_SINCE);
            nanos[round] = System.nanoTime() - begin;
        }
        assertThat(graph.nodes()).hasSize(5_000);
        assertThat(graph.rootNodeIds()).hasSize(50);
        assertThat(graph.nodes().get(1).parents()).containsExactly(graph.nodes().get(0).id());
        assertThat(graph.nodes().get(1).encapsulating()).containsExactly(graph.nodes().get(0).id());
        long[] sorted = nanos.clone();
        java.util.Arrays.sort(sorted);
        System.out.printf("Flow run graph of 5,000 task runs on %s: first %.1f ms, median of %d %.1f ms%n",
                database.dialect().displayName(), nanos[0] / 1e6, nanos.length, sorted[nanos.length / 2] / 1e6);
        Objects.requireNonNull(graph);
    }
}
