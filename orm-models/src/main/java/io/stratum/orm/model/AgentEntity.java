package io.stratum.orm.model;

import io.stratum.api.Api;
import io.stratum.api.model.Agent;
import io.stratum.orm.types.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * Table {@code agent} (legacy). Unique key: {@code name}. {@code work_queue_id} has no ON DELETE action:
 * an agent must be deleted before its queue.
 */
@Api(Api.Status.STABLE)
@Entity(name = "Agent")
@Table(name = "agent")
public class AgentEntity extends BaseEntity implements Agent {
    @Column(name = "name", nullable = false)
    private String name;

    @Column(name = "work_queue_id", nullable = false)
    private UUID workQueueId;

    @Column(name = "last_activity_time", nullable = false)
    private Instant lastActivityTime = Timestamps.now();

    public AgentEntity() {
    }

    @Override
    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    @Override
    public UUID getWorkQueueId() {
        return workQueueId;
    }

    public void setWorkQueueId(UUID workQueueId) {
        this.workQueueId = workQueueId;
    }

    public Instant getLastActivityTime() {
        return lastActivityTime;
    }

    public void setLastActivityTime(Instant lastActivityTime) {
        this.lastActivityTime = Timestamps.micros(lastActivityTime);
    }
}
