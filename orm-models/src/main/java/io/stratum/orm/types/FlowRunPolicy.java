package io.stratum.orm.types;

import java.util.List;

/** {@code flow_run.empirical_policy}: retry and pause bookkeeping of a flow run. */
public record FlowRunPolicy(Integer maxRetries, Double retryDelaySeconds, Integer retries, Integer retryDelay,
                            List<String> pauseKeys, Boolean resuming, RetryType retryType) {

    public static FlowRunPolicy empty() {
        return new FlowRunPolicy(null, null, null, null, null, null, null);
    }
}
