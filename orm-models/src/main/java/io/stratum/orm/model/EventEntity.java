package io.stratum.orm.model;

import io.stratum.api.Api;
import io.stratum.api.model.Event;
import io.stratum.orm.internal.JsonListConverter;
import io.stratum.orm.internal.JsonObjectConverter;
import io.stratum.orm.types.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.persistence.annotations.Mutable;

/**
 * Table {@code events}. {@code follows} has no foreign key (as in the reference).
 */
@Api(Api.Status.STABLE)
@Entity(name = "Event")
@Table(name = "events")
public class EventEntity extends BaseEntity implements Event {
    @Column(name = "occurred", nullable = false)
    private Instant occurred;

    @Column(name = "event", nullable = false)
    private String event;

    @Column(name = "resource_id", nullable = false)
    private String resourceId;

    @Mutable
    @Convert(converter = JsonObjectConverter.class)
    @Column(name = "resource", nullable = false)
    private Map<String, Object> resource;

    @Mutable
    @Convert(converter = JsonListConverter.class)
    @Column(name = "related_resource_ids", nullable = false)
    private List<String> relatedResourceIds = new ArrayList<>();

    @Mutable
    @Convert(converter = JsonListConverter.class)
    @Column(name = "related", nullable = false)
    private List<Map<String, Object>> related = new ArrayList<>();

    @Mutable
    @Convert(converter = JsonObjectConverter.class)
    @Column(name = "payload", nullable = false)
    private Map<String, Object> payload;

    @Column(name = "received", nullable = false)
    private Instant received;

    @Column(name = "recorded", nullable = false)
    private Instant recorded;

    @Column(name = "follows")
    private UUID follows;

    public EventEntity() {
    }

    @Override
    public Instant getOccurred() {
        return occurred;
    }

    public void setOccurred(Instant occurred) {
        this.occurred = Timestamps.micros(occurred);
    }

    @Override
    public String getEvent() {
        return event;
    }

    public void setEvent(String event) {
        this.event = event;
    }

    @Override
    public String getResourceId() {
        return resourceId;
    }

    public void setResourceId(String resourceId) {
        this.resourceId = resourceId;
    }

    public Map<String, Object> getResource() {
        return resource;
    }

    public void setResource(Map<String, Object> resource) {
        this.resource = resource;
    }

    public List<String> getRelatedResourceIds() {
        return relatedResourceIds;
    }

    public void setRelatedResourceIds(List<String> relatedResourceIds) {
        this.relatedResourceIds = relatedResourceIds;
    }

    public List<Map<String, Object>> getRelated() {
        return related;
    }

    public void setRelated(List<Map<String, Object>> related) {
        this.related = related;
    }

    public Map<String, Object> getPayload() {
        return payload;
    }

    public void setPayload(Map<String, Object> payload) {
        this.payload = payload;
    }

    public Instant getReceived() {
        return received;
    }

    public void setReceived(Instant received) {
        this.received = Timestamps.micros(received);
    }

    public Instant getRecorded() {
        return recorded;
    }

    public void setRecorded(Instant recorded) {
        this.recorded = Timestamps.micros(recorded);
    }

    public UUID getFollows() {
        return follows;
    }

    public void setFollows(UUID follows) {
        this.follows = follows;
    }
}
