package io.stratum.orm.model;

import io.stratum.api.Api;
import io.stratum.api.model.AutomationRelatedResource;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.UUID;

/**
 * Table {@code automation_related_resource}. Unique key: ({@code automation_id}, {@code resource_id}).
 */
@Api(Api.Status.STABLE)
@Entity(name = "AutomationRelatedResource")
@Table(name = "automation_related_resource")
public class AutomationRelatedResourceEntity extends BaseEntity implements AutomationRelatedResource {
    @Column(name = "automation_id", nullable = false)
    private UUID automationId;

    @Column(name = "resource_id")
    private String resourceId;

    @Column(name = "automation_owned_by_resource", nullable = false)
    private boolean automationOwnedByResource;

    public AutomationRelatedResourceEntity() {
    }

    @Override
    public UUID getAutomationId() {
        return automationId;
    }

    public void setAutomationId(UUID automationId) {
        this.automationId = automationId;
    }

    @Override
    public String getResourceId() {
        return resourceId;
    }

    public void setResourceId(String resourceId) {
        this.resourceId = resourceId;
    }

    public boolean isAutomationOwnedByResource() {
        return automationOwnedByResource;
    }

    public void setAutomationOwnedByResource(boolean automationOwnedByResource) {
        this.automationOwnedByResource = automationOwnedByResource;
    }
}
