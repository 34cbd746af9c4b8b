package io.stratum.orm.model;

import io.stratum.api.Api;
import io.stratum.api.model.FlowRun;
import io.stratum.orm.internal.CreatedByConverter;
import io.stratum.orm.internal.FlowRunPolicyConverter;
import io.stratum.orm.internal.JsonListConverter;
import io.stratum.orm.internal.JsonObjectConverter;
import io.stratum.orm.internal.RowInstantiation;
import io.stratum.orm.types.CreatedBy;
import io.stratum.orm.types.FlowRunPolicy;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.persistence.annotations.Customizer;
import org.eclipse.persistence.annotations.Mutable;

/**
 * Table {@code flow_run}. {@code state_id} points at the current {@code flow_run_state}; the
 * denormalised {@code state_*} columns mirror it. Upsert key: ({@code flow_id}, {@code idempotency_key}).
 */
@Api(Api.Status.STABLE)
@Entity(name = "FlowRun")
@Table(name = "flow_run")
@Customizer(RowInstantiation.class)
public class FlowRunEntity extends RunEntity implements FlowRun {
    @Column(name = "flow_id", nullable = false)
    private UUID flowId;

    @Column(name = "deployment_id")
    private UUID deploymentId;

    @Column(name = "work_queue_name")
    private String workQueueName;

    @Column(name = "flow_version")
    private String flowVersion;

    @Column(name = "deployment_version")
    private String deploymentVersion;

    @Mutable
    @Convert(converter = JsonObjectConverter.class)
    @Column(name = "parameters", nullable = false)
    private Map<String, Object> parameters;

    @Column(name = "idempotency_key")
    private String idempotencyKey;

    @Mutable
    @Convert(converter = JsonObjectConverter.class)
    @Column(name = "context", nullable = false)
    private Map<String, Object> context;

    @Mutable
    @Convert(converter = FlowRunPolicyConverter.class)
    @Column(name = "empirical_policy", nullable = false)
    private FlowRunPolicy empiricalPolicy;

    @Mutable
    @Convert(converter = JsonListConverter.class)
    @Column(name = "tags", nullable = false)
    private List<String> tags;

    @Mutable
    @Convert(converter = JsonObjectConverter.class)
    @Column(name = "labels")
    private Map<String, Object> labels;

    @Mutable
    @Convert(converter = CreatedByConverter.class)
    @Column(name = "created_by")
    private CreatedBy createdBy;

    @Column(name = "infrastructure_pid")
    private String infrastructurePid;

    @Mutable
    @Convert(converter = JsonObjectConverter.class)
    @Column(name = "job_variables")
    private Map<String, Object> jobVariables;

    @Column(name = "infrastructure_document_id")
    private UUID infrastructureDocumentId;

    @Column(name = "parent_task_run_id")
    private UUID parentTaskRunId;

    @Column(name = "auto_scheduled", nullable = false)
    private boolean autoScheduled;

    @Column(name = "state_id")
    private UUID stateId;

    @Column(name = "work_queue_id")
    private UUID workQueueId;

    /** A new run, with empty parameters, context, policy, tags and job variables. */
    public FlowRunEntity() {
        parameters = new HashMap<>();
        context = new HashMap<>();
        empiricalPolicy = FlowRunPolicy.empty();
        tags = new ArrayList<>();
        jobVariables = new HashMap<>();
    }

    public FlowRunEntity(UUID flowId) {
        this();
        this.flowId = flowId;
    }

    private FlowRunEntity(FilledFromRow filledFromRow) {
        super(filledFromRow);
    }

    /** The instance EclipseLink fills from a row ({@link RowInstantiation}): no defaults made to be overwritten. */
    private static FlowRunEntity fromDatabaseRow() {
        return new FlowRunEntity(FilledFromRow.INSTANCE);
    }

    /**
     * Makes the state this run's current state: the state is attached to this run and {@code state_id}
     * points at it. Several calls in one transaction insert every state; the last is current. The
     * denormalised {@code state_*} columns are maintained by the state-transition component, not here.
     */
    public void setState(FlowRunStateEntity state) {
        state.setFlowRunId(getId());
        this.stateId = state.getId();
    }

    @Override
    public UUID getFlowId() {
        return flowId;
    }

    public void setFlowId(UUID flowId) {
        this.flowId = flowId;
    }

    public UUID getDeploymentId() {
        return deploymentId;
    }

    public void setDeploymentId(UUID deploymentId) {
        this.deploymentId = deploymentId;
    }

    public String getWorkQueueName() {
        return workQueueName;
    }

    public void setWorkQueueName(String workQueueName) {
        this.workQueueName = workQueueName;
    }

    public String getFlowVersion() {
        return flowVersion;
    }

    public void setFlowVersion(String flowVersion) {
        this.flowVersion = flowVersion;
    }

    public String getDeploymentVersion() {
        return deploymentVersion;
    }

    public void setDeploymentVersion(String deploymentVersion) {
        this.deploymentVersion = deploymentVersion;
    }

    public Map<String, Object> getParameters() {
        return parameters;
    }

    public void setParameters(Map<String, Object> parameters) {
        this.parameters = parameters;
    }

    public String getIdempotencyKey() {
        return idempotencyKey;
    }

    public void setIdempotencyKey(String idempotencyKey) {
        this.idempotencyKey = idempotencyKey;
    }

    public Map<String, Object> getContext() {
        return context;
    }

    public void setContext(Map<String, Object> context) {
        this.context = context;
    }

    public FlowRunPolicy getEmpiricalPolicy() {
        return empiricalPolicy;
    }

    public void setEmpiricalPolicy(FlowRunPolicy empiricalPolicy) {
        this.empiricalPolicy = empiricalPolicy;
    }

    public List<String> getTags() {
        return tags;
    }

    public void setTags(List<String> tags) {
        this.tags = tags;
    }

    public Map<String, Object> getLabels() {
        return labels;
    }

    public void setLabels(Map<String, Object> labels) {
        this.labels = labels;
    }

    public CreatedBy getCreatedBy() {
        return createdBy;
    }

    public void setCreatedBy(CreatedBy createdBy) {
        this.createdBy = createdBy;
    }

    public String getInfrastructurePid() {
        return infrastructurePid;
    }

    public void setInfrastructurePid(String infrastructurePid) {
        this.infrastructurePid = infrastructurePid;
    }

    public Map<String, Object> getJobVariables() {
        return jobVariables;
    }

    public void setJobVariables(Map<String, Object> jobVariables) {
        this.jobVariables = jobVariables;
    }

    public UUID getInfrastructureDocumentId() {
        return infrastructureDocumentId;
    }

    public void setInfrastructureDocumentId(UUID infrastructureDocumentId) {
        this.infrastructureDocumentId = infrastructureDocumentId;
    }

    public UUID getParentTaskRunId() {
        return parentTaskRunId;
    }

    public void setParentTaskRunId(UUID parentTaskRunId) {
        this.parentTaskRunId = parentTaskRunId;
    }

    public boolean isAutoScheduled() {
        return autoScheduled;
    }

    public void setAutoScheduled(boolean autoScheduled) {
        this.autoScheduled = autoScheduled;
    }

    @Override
    public UUID getStateId() {
        return stateId;
    }

    public void setStateId(UUID stateId) {
        this.stateId = stateId;
    }

    public UUID getWorkQueueId() {
        return workQueueId;
    }

    public void setWorkQueueId(UUID workQueueId) {
        this.workQueueId = workQueueId;
    }
}
