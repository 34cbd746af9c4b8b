package io.stratum.api.query;

import io.stratum.api.Api;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The graph of a flow run ({@link FlowRunGraphs#graph}; reference schema {@code Graph}).
 *
 * @param startTime   the flow run's start, else its expected start; {@code null} when it has neither
 * @param endTime     the flow run's end; {@code null} while it has none
 * @param rootNodeIds the ids of the nodes without parents, in node order
 * @param nodes       the nodes, ordered by start, then end (unended last), then id
 * @param artifacts   the flow run's artifacts that belong to no task run, by creation time
 * @param states      every state of the flow run, by timestamp
 */
@Api(Api.Status.EXPERIMENTAL)
public record FlowRunGraph(Instant startTime, Instant endTime, List<UUID> rootNodeIds, List<GraphNode> nodes,
                           List<GraphArtifact> artifacts, List<GraphState> states) {

    public FlowRunGraph {
        rootNodeIds = List.copyOf(rootNodeIds);
        nodes = List.copyOf(nodes);
        artifacts = List.copyOf(artifacts);
        states = List.copyOf(states);
    }
}
