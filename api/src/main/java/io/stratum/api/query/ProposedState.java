package io.stratum.api.query;

import io.stratum.api.Api;
import java.util.UUID;

/**
 * One element of a bulk transition ({@link StateTransitions#setFlowRunStates},
 * {@link StateTransitions#setTaskRunStates}): the run and the new state it enters.
 *
 * @param runId the flow run's or task run's id
 * @param state a new, not yet persisted state of the model ({@code db.flowRunState()} / {@code db.taskRunState()})
 * @param <S>   {@link io.stratum.api.model.FlowRunState} or {@link io.stratum.api.model.TaskRunState}
 */
@Api(Api.Status.EXPERIMENTAL)
public record ProposedState<S>(UUID runId, S state) {

    public static <S> ProposedState<S> of(UUID runId, S state) {
        return new ProposedState<>(runId, state);
    }
}
