package io.stratum.orm.model;

import io.stratum.api.Api;
import io.stratum.api.model.AutomationBucket;
import io.stratum.orm.internal.JsonListConverter;
import io.stratum.orm.internal.LastEventConverter;
import io.stratum.orm.types.ReceivedEvent;
import io.stratum.orm.types.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.persistence.annotations.Mutable;

/**
 * Table {@code automation_bucket}: the event counts of one trigger of an automation for one bucketing key.
 * Unique key: ({@code automation_id}, {@code trigger_id}, {@code bucketing_key}).
 */
@Api(Api.Status.STABLE)
@Entity(name = "AutomationBucket")
@Table(name = "automation_bucket")
public class AutomationBucketEntity extends BaseEntity implements AutomationBucket {
    @Column(name = "automation_id", nullable = false)
    private UUID automationId;

    @Column(name = "trigger_id", nullable = false)
    private UUID triggerId;

    @Mutable
    @Convert(converter = JsonListConverter.class)
    @Column(name = "bucketing_key", nullable = false)
    private List<String> bucketingKey = new ArrayList<>();

    @Mutable
    @Convert(converter = LastEventConverter.class)
    @Column(name = "last_event")
    private ReceivedEvent lastEvent;

    @Column(name = "\"start\"", nullable = false)
    private Instant start;

    @Column(name = "\"end\"", nullable = false)
    private Instant end;

    @Column(name = "count", nullable = false)
    private int count;

    @Column(name = "last_operation")
    private String lastOperation;

    @Column(name = "triggered_at")
    private Instant triggeredAt;

    public AutomationBucketEntity() {
    }

    @Override
    public UUID getAutomationId() {
        return automationId;
    }

    public void setAutomationId(UUID automationId) {
        this.automationId = automationId;
    }

    @Override
    public UUID getTriggerId() {
        return triggerId;
    }

    public void setTriggerId(UUID triggerId) {
        this.triggerId = triggerId;
    }

    public List<String> getBucketingKey() {
        return bucketingKey;
    }

    public void setBucketingKey(List<String> bucketingKey) {
        this.bucketingKey = bucketingKey;
    }

    public ReceivedEvent getLastEvent() {
        return lastEvent;
    }

    public void setLastEvent(ReceivedEvent lastEvent) {
        this.lastEvent = lastEvent;
    }

    public Instant getStart() {
        return start;
    }

    public void setStart(Instant start) {
        this.start = Timestamps.micros(start);
    }

    public Instant getEnd() {
        return end;
    }

    public void setEnd(Instant end) {
        this.end = Timestamps.micros(end);
    }

    public int getCount() {
        return count;
    }

    public void setCount(int count) {
        this.count = count;
    }

    public String getLastOperation() {
        return lastOperation;
    }

    public void setLastOperation(String lastOperation) {
        this.lastOperation = lastOperation;
    }

    public Instant getTriggeredAt() {
        return triggeredAt;
    }

    public void setTriggeredAt(Instant triggeredAt) {
        this.triggeredAt = Timestamps.micros(triggeredAt);
    }
}
