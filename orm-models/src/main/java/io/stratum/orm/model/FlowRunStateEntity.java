package io.stratum.orm.model;

import io.stratum.api.Api;
import io.stratum.api.model.FlowRunState;
import io.stratum.api.model.StateType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.UUID;

/** Table {@code flow_run_state}: one row per state a flow run has been in. */
@Api(Api.Status.STABLE)
@Entity(name = "FlowRunState")
@Table(name = "flow_run_state")
public class FlowRunStateEntity extends StateEntity implements FlowRunState {
    @Column(name = "flow_run_id", nullable = false)
    private UUID flowRunId;

    public FlowRunStateEntity() {
    }

    public FlowRunStateEntity(StateType type, String name) {
        super(type, name);
    }

    @Override
    public UUID getFlowRunId() {
        return flowRunId;
    }

    public void setFlowRunId(UUID flowRunId) {
        this.flowRunId = flowRunId;
    }
}
