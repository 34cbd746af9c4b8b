package io.stratum.orm.model;

import io.stratum.api.Api;
import io.stratum.api.model.WorkQueue;
import io.stratum.api.model.WorkQueueStatus;
import io.stratum.orm.internal.QueueFilterConverter;
import io.stratum.orm.types.QueueFilter;
import io.stratum.orm.types.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.persistence.annotations.Mutable;

/**
 * Table {@code work_queue}. Unique key: ({@code work_pool_id}, {@code name}). {@code priority} has no
 * default: the application assigns it.
 */
@Api(Api.Status.STABLE)
@Entity(name = "WorkQueue")
@Table(name = "work_queue")
public class WorkQueueEntity extends BaseEntity implements WorkQueue {
    @Column(name = "name", nullable = false)
    private String name;

    /** Deprecated tag/deployment filter. */
    @Mutable
    @Convert(converter = QueueFilterConverter.class)
    @Column(name = "\"filter\"")
    private QueueFilter filter;

    @Column(name = "description", nullable = false)
    private String description = "";

    @Column(name = "is_paused", nullable = false)
    private boolean isPaused;

    @Column(name = "concurrency_limit")
    private Integer concurrencyLimit;

    @Column(name = "priority", nullable = false)
    private int priority;

    @Column(name = "last_polled")
    private Instant lastPolled;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false)
    private WorkQueueStatus status = WorkQueueStatus.NOT_READY;

    @Column(name = "work_pool_id", nullable = false)
    private UUID workPoolId;

    public WorkQueueEntity() {
    }

    @Override
    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public QueueFilter getFilter() {
        return filter;
    }

    public void setFilter(QueueFilter filter) {
        this.filter = filter;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    @Override
    public boolean isPaused() {
        return isPaused;
    }

    public void setPaused(boolean isPaused) {
        this.isPaused = isPaused;
    }

    public Integer getConcurrencyLimit() {
        return concurrencyLimit;
    }

    public void setConcurrencyLimit(Integer concurrencyLimit) {
        this.concurrencyLimit = concurrencyLimit;
    }

    @Override
    public int getPriority() {
        return priority;
    }

    public void setPriority(int priority) {
        this.priority = priority;
    }

    public Instant getLastPolled() {
        return lastPolled;
    }

    public void setLastPolled(Instant lastPolled) {
        this.lastPolled = Timestamps.micros(lastPolled);
    }

    @Override
    public WorkQueueStatus getStatus() {
        return status;
    }

    public void setStatus(WorkQueueStatus status) {
        this.status = status;
    }

    @Override
    public UUID getWorkPoolId() {
        return workPoolId;
    }

    public void setWorkPoolId(UUID workPoolId) {
        this.workPoolId = workPoolId;
    }
}
