package io.stratum.orm.model;

import io.stratum.api.Api;
import io.stratum.api.model.Deployment;
import io.stratum.api.model.DeploymentStatus;
import io.stratum.orm.internal.ConcurrencyOptionsConverter;
import io.stratum.orm.internal.CreatedByConverter;
import io.stratum.orm.internal.JsonListConverter;
import io.stratum.orm.internal.JsonObjectConverter;
import io.stratum.orm.types.ConcurrencyOptions;
import io.stratum.orm.types.CreatedBy;
import io.stratum.orm.types.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.persistence.annotations.Mutable;

/**
 * Table {@code deployment}. Upsert key: ({@code flow_id}, {@code name}). The migration-only column
 * {@code version_id} is not mapped. {@code enforce_parameter_schema} defaults to {@code true} here although
 * the server default is {@code false} (as in the reference).
 */
@Api(Api.Status.STABLE)
@Entity(name = "Deployment")
@Table(name = "deployment")
public class DeploymentEntity extends BaseEntity implements Deployment {
    @Column(name = "name", nullable = false)
    private String name;

    @Column(name = "version")
    private String version;

    @Column(name = "description")
    private String description;

    @Column(name = "work_queue_name")
    private String workQueueName;

    /** Column {@code infra_overrides} (the reference's attribute alias {@code job_variables}). */
    @Mutable
    @Convert(converter = JsonObjectConverter.class)
    @Column(name = "infra_overrides", nullable = false)
    private Map<String, Object> jobVariables = new HashMap<>();

    @Column(name = "path")
    private String path;

    @Column(name = "entrypoint")
    private String entrypoint;

    @Column(name = "last_polled")
    private Instant lastPolled;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false)
    private DeploymentStatus status = DeploymentStatus.NOT_READY;

    @Column(name = "flow_id", nullable = false)
    private UUID flowId;

    @Column(name = "work_queue_id")
    private UUID workQueueId;

    @Column(name = "paused", nullable = false)
    private boolean paused;

    /** Deprecated per-deployment limit (the reference's {@code _concurrency_limit}); see {@code concurrency_limit_id}. */
    @Column(name = "concurrency_limit")
    private Integer concurrencyLimit;

    @Column(name = "concurrency_limit_id")
    private UUID concurrencyLimitId;

    @Mutable
    @Convert(converter = ConcurrencyOptionsConverter.class)
    @Column(name = "concurrency_options")
    private ConcurrencyOptions concurrencyOptions;

    @Mutable
    @Convert(converter = JsonListConverter.class)
    @Column(name = "tags", nullable = false)
    private List<String> tags = new ArrayList<>();

    @Mutable
    @Convert(converter = JsonObjectConverter.class)
    @Column(name = "labels")
    private Map<String, Object> labels;

    @Mutable
    @Convert(converter = JsonObjectConverter.class)
    @Column(name = "parameters", nullable = false)
    private Map<String, Object> parameters = new HashMap<>();

    @Mutable
    @Convert(converter = JsonListConverter.class)
    @Column(name = "pull_steps")
    private List<Map<String, Object>> pullSteps = new ArrayList<>();

    @Mutable
    @Convert(converter = JsonObjectConverter.class)
    @Column(name = "parameter_openapi_schema")
    private Map<String, Object> parameterOpenapiSchema = new HashMap<>();

    @Column(name = "enforce_parameter_schema", nullable = false)
    private boolean enforceParameterSchema = true;

    @Mutable
    @Convert(converter = CreatedByConverter.class)
    @Column(name = "created_by")
    private CreatedBy createdBy;

    @Mutable
    @Convert(converter = CreatedByConverter.class)
    @Column(name = "updated_by")
    private CreatedBy updatedBy;

    @Column(name = "infrastructure_document_id")
    private UUID infrastructureDocumentId;

    @Column(name = "storage_document_id")
    private UUID storageDocumentId;

    public DeploymentEntity() {
    }

    @Override
    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public String getWorkQueueName() {
        return workQueueName;
    }

    public void setWorkQueueName(String workQueueName) {
        this.workQueueName = workQueueName;
    }

    public Map<String, Object> getJobVariables() {
        return jobVariables;
    }

    public void setJobVariables(Map<String, Object> jobVariables) {
        this.jobVariables = jobVariables;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public String getEntrypoint() {
        return entrypoint;
    }

    public void setEntrypoint(String entrypoint) {
        this.entrypoint = entrypoint;
    }

    public Instant getLastPolled() {
        return lastPolled;
    }

    public void setLastPolled(Instant lastPolled) {
        this.lastPolled = Timestamps.micros(lastPolled);
    }

    @Override
    public DeploymentStatus getStatus() {
        return status;
    }

    public void setStatus(DeploymentStatus status) {
        this.status = status;
    }

    @Override
    public UUID getFlowId() {
        return flowId;
    }

    public void setFlowId(UUID flowId) {
        this.flowId = flowId;
    }

    public UUID getWorkQueueId() {
        return workQueueId;
    }

    public void setWorkQueueId(UUID workQueueId) {
        this.workQueueId = workQueueId;
    }

    @Override
    public boolean isPaused() {
        return paused;
    }

    public void setPaused(boolean paused) {
        this.paused = paused;
    }

    public Integer getConcurrencyLimit() {
        return concurrencyLimit;
    }

    public void setConcurrencyLimit(Integer concurrencyLimit) {
        this.concurrencyLimit = concurrencyLimit;
    }

    public UUID getConcurrencyLimitId() {
        return concurrencyLimitId;
    }

    public void setConcurrencyLimitId(UUID concurrencyLimitId) {
        this.concurrencyLimitId = concurrencyLimitId;
    }

    public ConcurrencyOptions getConcurrencyOptions() {
        return concurrencyOptions;
    }

    public void setConcurrencyOptions(ConcurrencyOptions concurrencyOptions) {
        this.concurrencyOptions = concurrencyOptions;
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

    public Map<String, Object> getParameters() {
        return parameters;
    }

    public void setParameters(Map<String, Object> parameters) {
        this.parameters = parameters;
    }

    public List<Map<String, Object>> getPullSteps() {
        return pullSteps;
    }

    public void setPullSteps(List<Map<String, Object>> pullSteps) {
        this.pullSteps = pullSteps;
    }

    public Map<String, Object> getParameterOpenapiSchema() {
        return parameterOpenapiSchema;
    }

    public void setParameterOpenapiSchema(Map<String, Object> parameterOpenapiSchema) {
        this.parameterOpenapiSchema = parameterOpenapiSchema;
    }

    public boolean isEnforceParameterSchema() {
        return enforceParameterSchema;
    }

    public void setEnforceParameterSchema(boolean enforceParameterSchema) {
        this.enforceParameterSchema = enforceParameterSchema;
    }

    public CreatedBy getCreatedBy() {
        return createdBy;
    }

    public void setCreatedBy(CreatedBy createdBy) {
        this.createdBy = createdBy;
    }

    public CreatedBy getUpdatedBy() {
        return updatedBy;
    }

    public void setUpdatedBy(CreatedBy updatedBy) {
        this.updatedBy = updatedBy;
    }

    public UUID getInfrastructureDocumentId() {
        return infrastructureDocumentId;
    }

    public void setInfrastructureDocumentId(UUID infrastructureDocumentId) {
        this.infrastructureDocumentId = infrastructureDocumentId;
    }

    public UUID getStorageDocumentId() {
        return storageDocumentId;
    }

    public void setStorageDocumentId(UUID storageDocumentId) {
        this.storageDocumentId = storageDocumentId;
    }
}
