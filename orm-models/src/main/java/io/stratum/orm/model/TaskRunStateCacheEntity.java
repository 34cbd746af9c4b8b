package io.stratum.orm.model;

import io.stratum.api.Api;
import io.stratum.api.model.TaskRunStateCache;
import io.stratum.orm.types.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * Table {@code task_run_state_cache}: cache key to the task run state holding the cached result.
 * {@code task_run_state_id} has no foreign key (as in the reference).
 */
@Api(Api.Status.STABLE)
@Entity(name = "TaskRunStateCache")
@Table(name = "task_run_state_cache")
public class TaskRunStateCacheEntity extends BaseEntity implements TaskRunStateCache {
    @Column(name = "cache_key", nullable = false)
    private String cacheKey;

    @Column(name = "cache_expiration")
    private Instant cacheExpiration;

    @Column(name = "task_run_state_id", nullable = false)
    private UUID taskRunStateId;

    public TaskRunStateCacheEntity() {
    }

    @Override
    public String getCacheKey() {
        return cacheKey;
    }

    public void setCacheKey(String cacheKey) {
        this.cacheKey = cacheKey;
    }

    public Instant getCacheExpiration() {
        return cacheExpiration;
    }

    public void setCacheExpiration(Instant cacheExpiration) {
        this.cacheExpiration = Timestamps.micros(cacheExpiration);
    }

    @Override
    public UUID getTaskRunStateId() {
        return taskRunStateId;
    }

    public void setTaskRunStateId(UUID taskRunStateId) {
        this.taskRunStateId = taskRunStateId;
    }
}
