package io.stratum.orm.internal;

import io.stratum.orm.types.FlowRunPolicy;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter
// Implements AttributeConverter directly: EclipseLink reads the column type from the class's own
// generic interfaces, not from its superclass.
public class FlowRunPolicyConverter extends TypedJsonConverter<FlowRunPolicy> implements AttributeConverter<FlowRunPolicy, String> {
    public FlowRunPolicyConverter() {
        super(FlowRunPolicy.class, "flow_run.empirical_policy");
    }
}
