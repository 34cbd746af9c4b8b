package io.stratum.api.query;

import io.stratum.api.Api;
import io.stratum.api.model.StateType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A node of a {@link FlowRunGraph}: a task run, or the subflow run a task run stands for (reference
 * schema {@code Node}; its edges are the ids of other nodes). {@link FlowRunGraphs#graph} says how each
 * field is derived.
 *
 * @param kind          a task run, or a subflow run
 * @param id            the task run's id, or the subflow run's
 * @param label         the task run's name, or {@code "<flow name> / <subflow run name>"}
 * @param stateType     the current state type (the subflow run's for a subflow)
 * @param stateName     the current state name (the subflow run's for a subflow)
 * @param startTime     never {@code null}
 * @param endTime       {@code null} while the node has not ended
 * @param parents       the nodes whose results this one takes, by their start
 * @param children      the nodes that take this one's result, by their start
 * @param encapsulating the nodes that called this one ({@code __parents__}), by their start
 * @param artifacts     the artifacts of this node's task run, by creation time
 */
@Api(Api.Status.EXPERIMENTAL)
public record GraphNode(Kind kind, UUID id, String label, StateType stateType, String stateName,
                        Instant startTime, Instant endTime, List<UUID> parents, List<UUID> children,
                        List<UUID> encapsulating, List<GraphArtifact> artifacts) {

    public GraphNode {
        parents = List.copyOf(parents);
        children = List.copyOf(children);
        encapsulating = List.copyOf(encapsulating);
        artifacts = List.copyOf(artifacts);
    }

    /** What a node stands for; {@link #label()} is the reference's name for it. */
    @Api(Api.Status.EXPERIMENTAL)
    public enum Kind {
        FLOW_RUN("flow-run"),
        TASK_RUN("task-run");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** {@code "flow-run"} or {@code "task-run"}. */
        public String label() {
            return label;
        }

        /** The kind the reference names {@code label}. */
        public static Kind of(String label) {
            for (Kind kind : values()) {
                if (kind.label.equals(label)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("No graph node kind '" + label + "': use flow-run or task-run.");
        }
    }
}
