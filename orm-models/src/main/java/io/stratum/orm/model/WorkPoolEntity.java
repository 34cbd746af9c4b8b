package io.stratum.orm.model;

import io.stratum.api.Api;
import io.stratum.api.model.WorkPool;
import io.stratum.api.model.WorkPoolStatus;
import io.stratum.orm.internal.JsonObjectConverter;
import io.stratum.orm.internal.WorkPoolStorageConfigurationConverter;
import io.stratum.orm.types.Timestamps;
import io.stratum.orm.types.WorkPoolStorageConfiguration;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.persistence.annotations.Mutable;

/**
 * Table {@code work_pool}. Unique key: {@code name}. {@code default_queue_id} points at the pool's
 * default queue (FK ON DELETE RESTRICT, checked at commit, so a pool and its default queue are written in one flush).
 */
@Api(Api.Status.STABLE)
@Entity(name = "WorkPool")
@Table(name = "work_pool")
public class WorkPoolEntity extends BaseEntity implements WorkPool {
    @Column(name = "name", nullable = false)
    private String name;

    @Column(name = "description")
    private String description;

    @Column(name = "type", nullable = false)
    private String type;

    @Mutable
    @Convert(converter = JsonObjectConverter.class)
    @Column(name = "base_job_template", nullable = false)
    private Map<String, Object> baseJobTemplate = new HashMap<>();

    @Column(name = "is_paused", nullable = false)
    private boolean isPaused;

    @Column(name = "default_queue_id")
    private UUID defaultQueueId;

    @Column(name = "concurrency_limit")
    private Integer concurrencyLimit;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false)
    private WorkPoolStatus status = WorkPoolStatus.NOT_READY;

    @Column(name = "last_transitioned_status_at")
    private Instant lastTransitionedStatusAt;

    @Column(name = "last_status_event_id")
    private UUID lastStatusEventId;

    @Mutable
    @Convert(converter = WorkPoolStorageConfigurationConverter.class)
    @Column(name = "storage_configuration", nullable = false)
    private WorkPoolStorageConfiguration storageConfiguration = WorkPoolStorageConfiguration.empty();

    public WorkPoolEntity() {
    }

    @Override
    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    @Override
    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public Map<String, Object> getBaseJobTemplate() {
        return baseJobTemplate;
    }

    public void setBaseJobTemplate(Map<String, Object> baseJobTemplate) {
        this.baseJobTemplate = baseJobTemplate;
    }

    @Override
    public boolean isPaused() {
        return isPaused;
    }

    public void setPaused(boolean isPaused) {
        this.isPaused = isPaused;
    }

    @Override
    public UUID getDefaultQueueId() {
        return defaultQueueId;
    }

    public void setDefaultQueueId(UUID defaultQueueId) {
        this.defaultQueueId = defaultQueueId;
    }

    public Integer getConcurrencyLimit() {
        return concurrencyLimit;
    }

    public void setConcurrencyLimit(Integer concurrencyLimit) {
        this.concurrencyLimit = concurrencyLimit;
    }

    @Override
    public WorkPoolStatus getStatus() {
        return status;
    }

    public void setStatus(WorkPoolStatus status) {
        this.status = status;
    }

    public Instant getLastTransitionedStatusAt() {
        return lastTransitionedStatusAt;
    }

    public void setLastTransitionedStatusAt(Instant lastTransitionedStatusAt) {
        this.lastTransitionedStatusAt = Timestamps.micros(lastTransitionedStatusAt);
    }

    public UUID getLastStatusEventId() {
        return lastStatusEventId;
    }

    public void setLastStatusEventId(UUID lastStatusEventId) {
        this.lastStatusEventId = lastStatusEventId;
    }

    public WorkPoolStorageConfiguration getStorageConfiguration() {
        return storageConfiguration;
    }

    public void setStorageConfiguration(WorkPoolStorageConfiguration storageConfiguration) {
        this.storageConfiguration = storageConfiguration;
    }
}
