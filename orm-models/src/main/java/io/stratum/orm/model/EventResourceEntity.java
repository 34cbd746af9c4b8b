package io.stratum.orm.model;

import io.stratum.api.Api;
import io.stratum.api.model.EventResource;
import io.stratum.orm.internal.JsonObjectConverter;
import io.stratum.orm.types.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.persistence.annotations.Mutable;

/**
 * Table {@code event_resources}: one row per resource (primary or related) of an event. {@code event_id}
 * has no foreign key (as in the reference); {@code resource} is plain JSON ({@code json} on PostgreSQL).
 */
@Api(Api.Status.STABLE)
@Entity(name = "EventResource")
@Table(name = "event_resources")
public class EventResourceEntity extends BaseEntity implements EventResource {
    @Column(name = "occurred", nullable = false)
    private Instant occurred;

    @Column(name = "resource_id", nullable = false)
    private String resourceId;

    @Column(name = "resource_role", nullable = false)
    private String resourceRole;

    @Mutable
    @Convert(converter = JsonObjectConverter.class)
    @Column(name = "resource", nullable = false)
    private Map<String, Object> resource;

    @Column(name = "event_id", nullable = false)
    private UUID eventId;

    public EventResourceEntity() {
    }

    @Override
    public Instant getOccurred() {
        return occurred;
    }

    public void setOccurred(Instant occurred) {
        this.occurred = Timestamps.micros(occurred);
    }

    @Override
    public String getResourceId() {
        return resourceId;
    }

    public void setResourceId(String resourceId) {
        this.resourceId = resourceId;
    }

    @Override
    public String getResourceRole() {
        return resourceRole;
    }

    public void setResourceRole(String resourceRole) {
        this.resourceRole = resourceRole;
    }

    public Map<String, Object> getResource() {
        return resource;
    }

    public void setResource(Map<String, Object> resource) {
        this.resource = resource;
    }

    @Override
    public UUID getEventId() {
        return eventId;
    }

    public void setEventId(UUID eventId) {
        this.eventId = eventId;
    }
}
