package io.stratum.api.query;

import io.stratum.api.Api;
import io.stratum.api.StratumException;
import java.util.UUID;

/**
 * A flow run graph has more nodes than the caller's {@code maxNodes} (reference
 * {@code FlowRunGraphTooLarge}); nothing is returned, as in the reference.
 */
@Api(Api.Status.EXPERIMENTAL)
public class FlowRunGraphTooLargeException extends StratumException {
    private static final long serialVersionUID = 1L;

    private final UUID flowRunId;
    private final int maxNodes;

    public FlowRunGraphTooLargeException(UUID flowRunId, int maxNodes) {
        super("The graph of flow run " + flowRunId + " has more than " + maxNodes + " nodes (maxNodes = " + maxNodes
                + "). Ask for a later 'since' to read it in windows, or raise maxNodes (at most "
                + FlowRunGraphs.MAX_NODES + ").");
        this.flowRunId = flowRunId;
        this.maxNodes = maxNodes;
    }

    public UUID flowRunId() {
        return flowRunId;
    }

    /** The limit the graph went past. */
    public int maxNodes() {
        return maxNodes;
    }
}
