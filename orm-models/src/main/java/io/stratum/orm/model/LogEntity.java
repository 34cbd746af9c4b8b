package io.stratum.orm.model;

import io.stratum.api.Api;
import io.stratum.api.model.Log;
import io.stratum.orm.types.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * Table {@code log}. The run ids have no foreign key: logs are deleted by application logic.
 * {@code timestamp} is the client-side time of the record and has no default.
 */
@Api(Api.Status.STABLE)
@Entity(name = "Log")
@Table(name = "log")
public class LogEntity extends BaseEntity implements Log {
    @Column(name = "name", nullable = false)
    private String name;

    /** The log level ({@code SMALLINT}), e.g. 20 for INFO. */
    @Column(name = "level", nullable = false)
    private short level;

    @Column(name = "flow_run_id")
    private UUID flowRunId;

    @Column(name = "task_run_id")
    private UUID taskRunId;

    @Column(name = "message", nullable = false)
    private String message;

    @Column(name = "\"timestamp\"", nullable = false)
    private Instant timestamp;

    public LogEntity() {
    }

    @Override
    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    @Override
    public short getLevel() {
        return level;
    }

    public void setLevel(short level) {
        this.level = level;
    }

    @Override
    public UUID getFlowRunId() {
        return flowRunId;
    }

    public void setFlowRunId(UUID flowRunId) {
        this.flowRunId = flowRunId;
    }

    @Override
    public UUID getTaskRunId() {
        return taskRunId;
    }

    public void setTaskRunId(UUID taskRunId) {
        this.taskRunId = taskRunId;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    @Override
    public Instant getTimestamp() {
        return timestamp;
    }

    public void setTimestamp(Instant timestamp) {
        this.timestamp = Timestamps.micros(timestamp);
    }
}
