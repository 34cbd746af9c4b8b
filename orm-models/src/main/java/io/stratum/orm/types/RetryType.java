package io.stratum.orm.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.stratum.api.Api;

/** {@code empirical_policy.retry_type} of a flow run. */
@Api(Api.Status.STABLE)
public enum RetryType {
    @JsonProperty("in_process") IN_PROCESS,
    @JsonProperty("reschedule") RESCHEDULE
}
