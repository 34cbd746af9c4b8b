package io.stratum.orm.model;

import io.stratum.api.Api;
import io.stratum.api.model.DeploymentSchedule;
import io.stratum.orm.internal.JsonObjectConverter;
import io.stratum.orm.internal.ScheduleConverter;
import io.stratum.orm.types.Schedule;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.persistence.annotations.Mutable;

/**
 * Table {@code deployment_schedule}: one schedule (interval, cron or rrule) of a deployment.
 */
@Api(Api.Status.STABLE)
@Entity(name = "DeploymentSchedule")
@Table(name = "deployment_schedule")
public class DeploymentScheduleEntity extends BaseEntity implements DeploymentSchedule {
    @Column(name = "deployment_id", nullable = false)
    private UUID deploymentId;

    @Mutable
    @Convert(converter = ScheduleConverter.class)
    @Column(name = "schedule", nullable = false)
    private Schedule schedule;

    @Column(name = "active", nullable = false)
    private boolean active = true;

    @Column(name = "max_scheduled_runs")
    private Integer maxScheduledRuns;

    @Mutable
    @Convert(converter = JsonObjectConverter.class)
    @Column(name = "parameters", nullable = false)
    private Map<String, Object> parameters = new HashMap<>();

    @Column(name = "slug")
    private String slug;

    public DeploymentScheduleEntity() {
    }

    @Override
    public UUID getDeploymentId() {
        return deploymentId;
    }

    public void setDeploymentId(UUID deploymentId) {
        this.deploymentId = deploymentId;
    }

    public Schedule getSchedule() {
        return schedule;
    }

    public void setSchedule(Schedule schedule) {
        this.schedule = schedule;
    }

    @Override
    public boolean isActive() {
        return active;
    }

    public void setActive(boolean active) {
        this.active = active;
    }

    public Integer getMaxScheduledRuns() {
        return maxScheduledRuns;
    }

    public void setMaxScheduledRuns(Integer maxScheduledRuns) {
        this.maxScheduledRuns = maxScheduledRuns;
    }

    public Map<String, Object> getParameters() {
        return parameters;
    }

    public void setParameters(Map<String, Object> parameters) {
        this.parameters = parameters;
    }

    @Override
    public String getSlug() {
        return slug;
    }

    public void setSlug(String slug) {
        this.slug = slug;
    }
}
