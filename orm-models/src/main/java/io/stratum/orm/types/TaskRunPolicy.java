package io.stratum.orm.types;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratum.api.Api;

/**
 * {@code task_run.empirical_policy}. {@code retryDelay} is a number of seconds or a list of them,
 * so it is kept as JSON.
 */
@Api(Api.Status.STABLE)
public record TaskRunPolicy(Integer maxRetries, Double retryDelaySeconds, Integer retries, JsonNode retryDelay,
                            Double retryJitterFactor) {

    /** A JSON {@code null} retry delay reads as absent, so a value equals itself after a round trip. */
    public TaskRunPolicy {
        if (retryDelay != null && (retryDelay.isNull() || retryDelay.isMissingNode())) {
            retryDelay = null;
        }
    }

    public static TaskRunPolicy empty() {
        return new TaskRunPolicy(null, null, null, null, null);
    }
}
