package io.stratum.orm.internal;

import io.stratum.orm.types.StateDetails;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter
// Implements AttributeConverter directly: EclipseLink reads the column type from the class's own
// generic interfaces, not from its superclass.
public class StateDetailsConverter extends TypedJsonConverter<StateDetails> implements AttributeConverter<StateDetails, String> {
    public StateDetailsConverter() {
        super(StateDetails.class, "state_details (flow_run_state, task_run_state)");
    }
}
