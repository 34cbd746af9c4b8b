package io.stratum.orm.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.stratum.api.Api;

/** {@code concurrency_options.collision_strategy}: what happens to a run that exceeds the deployment's limit. */
@Api(Api.Status.STABLE)
public enum ConcurrencyLimitStrategy {
    @JsonProperty("ENQUEUE") ENQUEUE,
    @JsonProperty("CANCEL_NEW") CANCEL_NEW
}
