package io.stratum.api.query;

import io.stratum.api.Api;
import io.stratum.api.model.FlowRun;
import java.util.Objects;
import java.util.UUID;

/**
 * A scheduled flow run a poll returned, with the pool and queue it was taken from (the reference's
 * {@code WorkerFlowRunResponse}). {@code flowRun} is an entity managed by the polling session.
 */
@Api(Api.Status.EXPERIMENTAL)
public record ScheduledFlowRun(UUID workPoolId, UUID workQueueId, FlowRun flowRun) {
    public ScheduledFlowRun {
        Objects.requireNonNull(workQueueId, "workQueueId");
        Objects.requireNonNull(flowRun, "flowRun");
    }
}
