package io.stratum.orm.model;

import io.stratum.api.Api;
import io.stratum.api.model.TaskRunState;
import io.stratum.api.model.StateType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.UUID;

/** Table {@code task_run_state}: one row per state a task run has been in. */
@Api(Api.Status.STABLE)
@Entity(name = "TaskRunState")
@Table(name = "task_run_state")
public class TaskRunStateEntity extends StateEntity implements TaskRunState {
    @Column(name = "task_run_id", nullable = false)
    private UUID taskRunId;

    public TaskRunStateEntity() {
    }

    public TaskRunStateEntity(StateType type, String name) {
        super(type, name);
    }

    @Override
    public UUID getTaskRunId() {
        return taskRunId;
    }

    public void setTaskRunId(UUID taskRunId) {
        this.taskRunId = taskRunId;
    }
}
