package io.stratum.orm.model;

import io.stratum.api.Api;
import io.stratum.api.model.CompositeTriggerChildFiring;
import io.stratum.orm.internal.ChildFiringConverter;
import io.stratum.orm.types.Firing;
import io.stratum.orm.types.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.persistence.annotations.Mutable;

/**
 * Table {@code composite_trigger_child_firing}: the firings of the child triggers of a composite trigger.
 * Unique key: ({@code automation_id}, {@code parent_trigger_id}, {@code child_trigger_id}).
 */
@Api(Api.Status.STABLE)
@Entity(name = "CompositeTriggerChildFiring")
@Table(name = "composite_trigger_child_firing")
public class CompositeTriggerChildFiringEntity extends BaseEntity implements CompositeTriggerChildFiring {
    @Column(name = "automation_id", nullable = false)
    private UUID automationId;

    @Column(name = "parent_trigger_id", nullable = false)
    private UUID parentTriggerId;

    @Column(name = "child_trigger_id", nullable = false)
    private UUID childTriggerId;

    @Column(name = "child_firing_id", nullable = false)
    private UUID childFiringId;

    @Column(name = "child_fired_at")
    private Instant childFiredAt;

    @Mutable
    @Convert(converter = ChildFiringConverter.class)
    @Column(name = "child_firing", nullable = false)
    private Firing childFiring;

    public CompositeTriggerChildFiringEntity() {
    }

    @Override
    public UUID getAutomationId() {
        return automationId;
    }

    public void setAutomationId(UUID automationId) {
        this.automationId = automationId;
    }

    @Override
    public UUID getParentTriggerId() {
        return parentTriggerId;
    }

    public void setParentTriggerId(UUID parentTriggerId) {
        this.parentTriggerId = parentTriggerId;
    }

    @Override
    public UUID getChildTriggerId() {
        return childTriggerId;
    }

    public void setChildTriggerId(UUID childTriggerId) {
        this.childTriggerId = childTriggerId;
    }

    public UUID getChildFiringId() {
        return childFiringId;
    }

    public void setChildFiringId(UUID childFiringId) {
        this.childFiringId = childFiringId;
    }

    public Instant getChildFiredAt() {
        return childFiredAt;
    }

    public void setChildFiredAt(Instant childFiredAt) {
        this.childFiredAt = Timestamps.micros(childFiredAt);
    }

    public Firing getChildFiring() {
        return childFiring;
    }

    public void setChildFiring(Firing childFiring) {
        this.childFiring = childFiring;
    }
}
