package io.stratum.orm.types;

import io.stratum.api.Api;
import java.util.List;

/** {@code flow_run.empirical_policy}: retry and pause bookkeeping of a flow run. */
@Api(Api.Status.STABLE)
public record FlowRunPolicy(Integer maxRetries, Double retryDelaySeconds, Integer retries, Integer retryDelay,
                            List<String> pauseKeys, Boolean resuming, RetryType retryType) {

    public static FlowRunPolicy empty() {
        return new FlowRunPolicy(null, null, null, null, null, null, null);
    }
}
