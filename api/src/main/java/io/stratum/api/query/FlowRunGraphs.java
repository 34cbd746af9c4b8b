package io.stratum.api.query;

import io.stratum.api.Api;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.UUID;

/**
 * The graph of a flow run: its task runs and subflow runs with their data dependencies (reference
 * {@code flow_run_graph_v2}), what a UI draws as the run's timeline. See {@link QueryComponents#flowRunGraphs()}.
 *
 * <p>The graph runs in the caller's session: inside its transaction (pending changes flushed first, so
 * rows it wrote are seen), or without one on a connection of its own. It reads and never writes. Both
 * databases give the same graph, order included.
 */
@Api(Api.Status.EXPERIMENTAL)
public interface FlowRunGraphs {

    /** The reference's default for {@code maxNodes} (setting {@code PREFECT_API_MAX_FLOW_RUN_GRAPH_NODES}). */
    int DEFAULT_MAX_NODES = 10_000;

    /** The reference's default for {@code maxArtifacts} (setting {@code PREFECT_API_MAX_FLOW_RUN_GRAPH_ARTIFACTS}). */
    int DEFAULT_MAX_ARTIFACTS = 10_000;

    /**
     * The largest {@code maxNodes} accepted; more is refused with an {@link IllegalArgumentException}. A
     * graph is built in memory in one piece: 100,000 nodes is ten times the reference's default, a
     * timeline no UI draws at once; a larger run is read in windows with {@code since}.
     */
    int MAX_NODES = 100_000;

    /** The largest {@code maxArtifacts} accepted; more is refused with an {@link IllegalArgumentException}. */
    int MAX_ARTIFACTS = 100_000;

    /**
     * The graph of flow run {@code flowRunId}, as the reference builds it:
     * <ul>
     * <li><b>Nodes</b>: the flow run's task runs, except those in PENDING or without a state type (as in
     *     the reference). A task run that a subflow run points at ({@code flow_run.parent_task_run_id})
     *     is shown as that subflow run: kind {@link GraphNode.Kind#FLOW_RUN}, its id, label
     *     {@code "<flow name> / <subflow run name>"}, its state. Start = the first set of the subflow
     *     run's start and expected start, the task run's start and expected start; a node without any is
     *     left out. End = the subflow run's end, else the task run's end, else, for a COMPLETED task run
     *     (a cached one has no times of its own), its expected start.</li>
     * <li><b>Edges</b> from each task run's {@code task_inputs} ({@code {"x": [{"input_type": "task_run",
     *     "id": "…"}], …}}): an argument whose {@code id} is another node of the graph makes that node a
     *     parent (and this one its child); under the input key {@code __parents__} it is an
     *     encapsulating node instead (the task that called this one). An {@code id} names a node only as
     *     a string in the hyphenated form (either letter case); arguments naming no node of the graph,
     *     and inputs that are not an object of arrays (or, on SQLite, not JSON at all), make no edge. Each list names a node once, ordered by the named node's start (then id).
     *     (The reference repeats a parent once per input of the parent task, and removes repeats from
     *     encapsulating ids only.)</li>
     * <li><b>Window</b>: nodes that ended before {@code since} are left out (running nodes never are);
     *     nodes are ordered by start, then end (unended last), then id; roots are the returned nodes
     *     without parents, in node order.</li>
     * <li><b>Artifacts</b>: the flow run's artifacts except results ({@code type = 'result'}; no type
     *     counts as a result, as in SQL), the first {@code maxArtifacts} by creation time, each under
     *     its task run's node ({@code task_run_id}) or, without a task run, at flow level
     *     ({@link FlowRunGraph#artifacts()}); artifacts of task runs that are not nodes are not shown.</li>
     * <li><b>States</b>: every state of the flow run, by timestamp.</li>
     * </ul>
     *
     * @param since        leave out nodes that ended before this; {@code null} = none left out
     * @param maxNodes     0 to {@value #MAX_NODES}; a graph with more nodes (after {@code since}) is refused
     * @param maxArtifacts 0 to {@value #MAX_ARTIFACTS}
     * @throws FlowRunNotFoundException      if there is no flow run {@code flowRunId}
     * @throws FlowRunGraphTooLargeException if more than {@code maxNodes} nodes are in the window
     * @throws IllegalArgumentException      if {@code maxNodes} or {@code maxArtifacts} is negative or above its maximum
     */
    FlowRunGraph graph(EntityManager session, UUID flowRunId, Instant since, int maxNodes, int maxArtifacts);
}
