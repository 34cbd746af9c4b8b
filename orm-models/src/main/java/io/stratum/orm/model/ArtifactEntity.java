package io.stratum.orm.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratum.api.Api;
import io.stratum.api.model.Artifact;
import io.stratum.orm.internal.JsonObjectConverter;
import io.stratum.orm.internal.JsonValueConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.Map;
import java.util.UUID;
import org.eclipse.persistence.annotations.Mutable;

/**
 * Table {@code artifact}. The run ids have no foreign key (as in the reference); result artifacts have
 * {@code type = 'result'}. {@code data} and {@code metadata_} are plain JSON ({@code json}, not {@code jsonb}, on PostgreSQL).
 */
@Api(Api.Status.STABLE)
@Entity(name = "Artifact")
@Table(name = "artifact")
public class ArtifactEntity extends BaseEntity implements Artifact {
    @Column(name = "\"key\"")
    private String key;

    @Column(name = "task_run_id")
    private UUID taskRunId;

    @Column(name = "flow_run_id")
    private UUID flowRunId;

    @Column(name = "type")
    private String type;

    @Mutable
    @Convert(converter = JsonValueConverter.class)
    @Column(name = "data")
    private JsonNode data;

    @Column(name = "description")
    private String description;

    @Mutable
    @Convert(converter = JsonObjectConverter.class)
    @Column(name = "metadata_")
    private Map<String, Object> metadata;

    public ArtifactEntity() {
    }

    @Override
    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    @Override
    public UUID getTaskRunId() {
        return taskRunId;
    }

    public void setTaskRunId(UUID taskRunId) {
        this.taskRunId = taskRunId;
    }

    @Override
    public UUID getFlowRunId() {
        return flowRunId;
    }

    public void setFlowRunId(UUID flowRunId) {
        this.flowRunId = flowRunId;
    }

    @Override
    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public JsonNode getData() {
        return data;
    }

    public void setData(JsonNode data) {
        this.data = data;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public Map<String, Object> getMetadata() {
        return metadata;
    }

    public void setMetadata(Map<String, Object> metadata) {
        this.metadata = metadata;
    }
}
