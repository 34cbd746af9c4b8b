package io.stratum.queries.internal;

import io.stratum.orm.model.FlowRunStateEntity;
import io.stratum.orm.model.TaskRunStateEntity;
import io.stratum.orm.types.StateDetails;
import java.util.UUID;

/**
 * The state a subflow's parent task run enters when the subflow enters {@code subflowState} (the
 * reference's UpdateSubflowParentTask): a copy of its type, timestamp, name, message, details and data,
 * with {@code state_details.child_flow_run_id} naming the subflow. The result artifact is not copied.
 */
final class ParentTaskStates {
    private ParentTaskStates() {
    }

    static TaskRunStateEntity following(FlowRunStateEntity subflowState, UUID subflowRunId) {
        TaskRunStateEntity copy = new TaskRunStateEntity(subflowState.getType(), subflowState.getName());
        copy.setTimestamp(subflowState.getTimestamp());
        copy.setMessage(subflowState.getMessage());
        copy.setData(subflowState.getData() == null ? null : subflowState.getData().deepCopy());
        StateDetails d = subflowState.getStateDetails() == null ? StateDetails.empty() : subflowState.getStateDetails();
        copy.setStateDetails(new StateDetails(d.flowRunId(), d.taskRunId(), subflowRunId, d.scheduledTime(),
                d.cacheKey(), d.cacheExpiration(), d.deferred(), d.untrackableResult(), d.pauseTimeout(),
                d.pauseReschedule(), d.pauseKey(), d.runInputKeyset(), d.refreshCache(), d.retriable(),
                d.transitionId(), d.taskParametersId(), d.traceparent(), d.deploymentConcurrencyLeaseId()));
        return copy;
    }
}
