package io.stratum.api.query;

import io.stratum.api.Api;
import java.util.UUID;

/**
 * What a bulk transition did to one run: {@link Applied} (the state was written, as a single transition
 * would have) or {@link RunMissing} (no run has the id; nothing was written for it). One outcome per
 * element of the request, in the request's order.
 */
@Api(Api.Status.EXPERIMENTAL)
public sealed interface TransitionOutcome {

    /** The run the outcome is about. */
    UUID runId();

    /** The state was written; {@code result} is what {@code setFlowRunState}/{@code setTaskRunState} returns. */
    @Api(Api.Status.EXPERIMENTAL)
    record Applied(UUID runId, TransitionResult result) implements TransitionOutcome {
    }

    /** No run has the id (it was never created, or was deleted): nothing was written for this element. */
    @Api(Api.Status.EXPERIMENTAL)
    record RunMissing(UUID runId) implements TransitionOutcome {
    }
}
