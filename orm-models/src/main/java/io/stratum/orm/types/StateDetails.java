package io.stratum.orm.types;

import io.stratum.api.Api;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** {@code state_details} of flow run and task run states. */
@Api(Api.Status.STABLE)
public record StateDetails(UUID flowRunId, UUID taskRunId, UUID childFlowRunId, Instant scheduledTime,
                           String cacheKey, Instant cacheExpiration, Boolean deferred, Boolean untrackableResult,
                           Instant pauseTimeout, Boolean pauseReschedule, String pauseKey,
                           List<String> runInputKeyset, Boolean refreshCache, Boolean retriable,
                           UUID transitionId, UUID taskParametersId, String traceparent,
                           UUID deploymentConcurrencyLeaseId) {

    public static StateDetails empty() {
        return new StateDetails(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    public StateDetails withScheduledTime(Instant time) {
        return new StateDetails(flowRunId, taskRunId, childFlowRunId, time, cacheKey, cacheExpiration, deferred,
                untrackableResult, pauseTimeout, pauseReschedule, pauseKey, runInputKeyset, refreshCache, retriable,
                transitionId, taskParametersId, traceparent, deploymentConcurrencyLeaseId);
    }
}
