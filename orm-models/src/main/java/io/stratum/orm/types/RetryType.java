package io.stratum.orm.types;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code empirical_policy.retry_type} of a flow run. */
public enum RetryType {
    @JsonProperty("in_process") IN_PROCESS,
    @JsonProperty("reschedule") RESCHEDULE
}
