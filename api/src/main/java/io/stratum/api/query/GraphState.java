package io.stratum.api.query;

import io.stratum.api.Api;
import io.stratum.api.model.StateType;
import java.time.Instant;
import java.util.UUID;

/** A state of the flow run of a {@link FlowRunGraph} (reference schema {@code GraphState}). */
@Api(Api.Status.EXPERIMENTAL)
public record GraphState(UUID id, Instant timestamp, StateType type, String name) {
}
