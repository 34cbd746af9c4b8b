package io.stratum.orm.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratum.api.Api;
import io.stratum.api.model.StateType;
import io.stratum.orm.internal.JsonValueConverter;
import io.stratum.orm.internal.StateDetailsConverter;
import io.stratum.orm.types.StateDetails;
import io.stratum.orm.types.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.persistence.annotations.Mutable;

/** Columns shared by {@code flow_run_state} and {@code task_run_state}. */
@Api(Api.Status.STABLE)
@MappedSuperclass
public abstract class StateEntity extends BaseEntity {
    @Enumerated(EnumType.STRING)
    @Column(name = "type", nullable = false)
    private StateType type;

    @Column(name = "\"timestamp\"", nullable = false)
    private Instant timestamp = Timestamps.now();

    @Column(name = "name", nullable = false)
    private String name;

    @Column(name = "message")
    private String message;

    @Mutable
    @Convert(converter = StateDetailsConverter.class)
    @Column(name = "state_details", nullable = false)
    private StateDetails stateDetails = StateDetails.empty();

    @Mutable
    @Convert(converter = JsonValueConverter.class)
    @Column(name = "data")
    private JsonNode data;

    @Column(name = "result_artifact_id")
    private UUID resultArtifactId;

    protected StateEntity() {
    }

    protected StateEntity(StateType type, String name) {
        this.type = type;
        this.name = name;
    }

    public StateType getType() {
        return type;
    }

    public void setType(StateType type) {
        this.type = type;
    }

    public Instant getTimestamp() {
        return timestamp;
    }

    public void setTimestamp(Instant timestamp) {
        this.timestamp = Timestamps.micros(timestamp);
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public StateDetails getStateDetails() {
        return stateDetails;
    }

    public void setStateDetails(StateDetails stateDetails) {
        this.stateDetails = stateDetails;
    }

    /** The legacy inline result ({@code data} column). */
    public JsonNode getData() {
        return data;
    }

    public void setData(JsonNode data) {
        this.data = data;
    }

    public UUID getResultArtifactId() {
        return resultArtifactId;
    }

    public void setResultArtifactId(UUID resultArtifactId) {
        this.resultArtifactId = resultArtifactId;
    }
}
