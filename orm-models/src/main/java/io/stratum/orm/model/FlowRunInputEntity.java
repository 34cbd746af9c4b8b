package io.stratum.orm.model;

import io.stratum.api.Api;
import io.stratum.api.model.FlowRunInput;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.UUID;

/**
 * Table {@code flow_run_input}. Unique key: ({@code flow_run_id}, {@code key}).
 */
@Api(Api.Status.STABLE)
@Entity(name = "FlowRunInput")
@Table(name = "flow_run_input")
public class FlowRunInputEntity extends BaseEntity implements FlowRunInput {
    @Column(name = "flow_run_id", nullable = false)
    private UUID flowRunId;

    @Column(name = "\"key\"", nullable = false)
    private String key;

    /** The input as JSON text ({@code TEXT} column, not parsed here). */
    @Column(name = "value", nullable = false)
    private String value;

    @Column(name = "sender")
    private String sender;

    public FlowRunInputEntity() {
    }

    @Override
    public UUID getFlowRunId() {
        return flowRunId;
    }

    public void setFlowRunId(UUID flowRunId) {
        this.flowRunId = flowRunId;
    }

    @Override
    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    public String getValue() {
        return value;
    }

    public void setValue(String value) {
        this.value = value;
    }

    public String getSender() {
        return sender;
    }

    public void setSender(String sender) {
        this.sender = sender;
    }
}
