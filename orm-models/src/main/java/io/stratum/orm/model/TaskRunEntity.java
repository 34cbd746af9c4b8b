package io.stratum.orm.model;

import io.stratum.api.Api;
import io.stratum.api.model.TaskRun;
import io.stratum.orm.internal.JsonListConverter;
import io.stratum.orm.internal.JsonObjectConverter;
import io.stratum.orm.internal.TaskRunPolicyConverter;
import io.stratum.orm.types.TaskRunPolicy;
import io.stratum.orm.types.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.persistence.annotations.Mutable;

/**
 * Table {@code task_run}. {@code state_id} points at the current {@code task_run_state} without a
 * foreign key (as in the reference). Upsert key: ({@code flow_run_id}, {@code task_key}, {@code dynamic_key}).
 */
@Api(Api.Status.STABLE)
@Entity(name = "TaskRun")
@Table(name = "task_run")
public class TaskRunEntity extends RunEntity implements TaskRun {
    @Column(name = "flow_run_id")
    private UUID flowRunId;

    @Column(name = "task_key", nullable = false)
    private String taskKey;

    @Column(name = "dynamic_key", nullable = false)
    private String dynamicKey;

    @Column(name = "cache_key")
    private String cacheKey;

    @Column(name = "cache_expiration")
    private Instant cacheExpiration;

    @Column(name = "task_version")
    private String taskVersion;

    @Column(name = "flow_run_run_count", nullable = false)
    private int flowRunRunCount;

    @Mutable
    @Convert(converter = TaskRunPolicyConverter.class)
    @Column(name = "empirical_policy", nullable = false)
    private TaskRunPolicy empiricalPolicy = TaskRunPolicy.empty();

    @Mutable
    @Convert(converter = JsonObjectConverter.class)
    @Column(name = "task_inputs", nullable = false)
    private Map<String, Object> taskInputs = new HashMap<>();

    @Mutable
    @Convert(converter = JsonListConverter.class)
    @Column(name = "tags", nullable = false)
    private List<String> tags = new ArrayList<>();

    @Mutable
    @Convert(converter = JsonObjectConverter.class)
    @Column(name = "labels")
    private Map<String, Object> labels;

    @Column(name = "state_id")
    private UUID stateId;

    public TaskRunEntity() {
    }

    public TaskRunEntity(UUID flowRunId, String taskKey, String dynamicKey) {
        this.flowRunId = flowRunId;
        this.taskKey = taskKey;
        this.dynamicKey = dynamicKey;
    }

    /** Makes the state this run's current state (see {@link FlowRunEntity#setState}). */
    public void setState(TaskRunStateEntity state) {
        state.setTaskRunId(getId());
        this.stateId = state.getId();
    }

    @Override
    public UUID getFlowRunId() {
        return flowRunId;
    }

    public void setFlowRunId(UUID flowRunId) {
        this.flowRunId = flowRunId;
    }

    @Override
    public String getTaskKey() {
        return taskKey;
    }

    public void setTaskKey(String taskKey) {
        this.taskKey = taskKey;
    }

    @Override
    public String getDynamicKey() {
        return dynamicKey;
    }

    public void setDynamicKey(String dynamicKey) {
        this.dynamicKey = dynamicKey;
    }

    public String getCacheKey() {
        return cacheKey;
    }

    public void setCacheKey(String cacheKey) {
        this.cacheKey = cacheKey;
    }

    public Instant getCacheExpiration() {
        return cacheExpiration;
    }

    public void setCacheExpiration(Instant cacheExpiration) {
        this.cacheExpiration = Timestamps.micros(cacheExpiration);
    }

    public String getTaskVersion() {
        return taskVersion;
    }

    public void setTaskVersion(String taskVersion) {
        this.taskVersion = taskVersion;
    }

    public int getFlowRunRunCount() {
        return flowRunRunCount;
    }

    public void setFlowRunRunCount(int flowRunRunCount) {
        this.flowRunRunCount = flowRunRunCount;
    }

    public TaskRunPolicy getEmpiricalPolicy() {
        return empiricalPolicy;
    }

    public void setEmpiricalPolicy(TaskRunPolicy empiricalPolicy) {
        this.empiricalPolicy = empiricalPolicy;
    }

    public Map<String, Object> getTaskInputs() {
        return taskInputs;
    }

    public void setTaskInputs(Map<String, Object> taskInputs) {
        this.taskInputs = taskInputs;
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

    @Override
    public UUID getStateId() {
        return stateId;
    }

    public void setStateId(UUID stateId) {
        this.stateId = stateId;
    }
}
