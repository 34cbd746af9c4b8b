package io.stratum.orm.model;

import io.stratum.api.Api;
import io.stratum.api.model.Worker;
import io.stratum.api.model.WorkerStatus;
import io.stratum.orm.types.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * Table {@code worker}. Unique key: ({@code work_pool_id}, {@code name}).
 */
@Api(Api.Status.STABLE)
@Entity(name = "Worker")
@Table(name = "worker")
public class WorkerEntity extends BaseEntity implements Worker {
    @Column(name = "work_pool_id", nullable = false)
    private UUID workPoolId;

    @Column(name = "name", nullable = false)
    private String name;

    @Column(name = "last_heartbeat_time", nullable = false)
    private Instant lastHeartbeatTime = Timestamps.now();

    @Column(name = "heartbeat_interval_seconds")
    private Integer heartbeatIntervalSeconds;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false)
    private WorkerStatus status = WorkerStatus.OFFLINE;

    public WorkerEntity() {
    }

    @Override
    public UUID getWorkPoolId() {
        return workPoolId;
    }

    public void setWorkPoolId(UUID workPoolId) {
        this.workPoolId = workPoolId;
    }

    @Override
    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    @Override
    public Instant getLastHeartbeatTime() {
        return lastHeartbeatTime;
    }

    public void setLastHeartbeatTime(Instant lastHeartbeatTime) {
        this.lastHeartbeatTime = Timestamps.micros(lastHeartbeatTime);
    }

    public Integer getHeartbeatIntervalSeconds() {
        return heartbeatIntervalSeconds;
    }

    public void setHeartbeatIntervalSeconds(Integer heartbeatIntervalSeconds) {
        this.heartbeatIntervalSeconds = heartbeatIntervalSeconds;
    }

    @Override
    public WorkerStatus getStatus() {
        return status;
    }

    public void setStatus(WorkerStatus status) {
        this.status = status;
    }
}
