package io.stratum.api.query;

import io.stratum.api.Api;
import io.stratum.api.StratumException;
import java.util.UUID;

/** There is no flow run with the id an operation was given (reference {@code ObjectNotFoundError}). */
@Api(Api.Status.EXPERIMENTAL)
public class FlowRunNotFoundException extends StratumException {
    private static final long serialVersionUID = 1L;

    private final UUID flowRunId;

    public FlowRunNotFoundException(UUID flowRunId) {
        super("Flow run " + flowRunId + " not found: no flow run has this id (never created, or deleted). "
                + "Check the id the caller passed.");
        this.flowRunId = flowRunId;
    }

    public UUID flowRunId() {
        return flowRunId;
    }
}
