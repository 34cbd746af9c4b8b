package io.stratum.orm.internal;

import io.stratum.orm.types.FlowRunPolicy;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter
// Implements AttributeConverter directly: EclipseLink reads the column type from the class's own
// generic interfaces, not from its superclass.
public class FlowRunPolicyConverter extends TypedJsonConverter<FlowRunPolicy> implements AttributeConverter<FlowRunPolicy, String> {
    /** The column's default, which most runs keep: read without the JSON library. */
    private static final String EMPTY_OBJECT = "{}";
    private final String emptyPolicyText;

    public FlowRunPolicyConverter() {
        super(FlowRunPolicy.class, "flow_run.empirical_policy");
        emptyPolicyText = super.convertToDatabaseColumn(FlowRunPolicy.empty());
    }

    /**
     * The empty policy (most runs') without the JSON library: EclipseLink converts this @Mutable value out
     * and back for the backup it compares at commit, once per run read, and the library's set-up per call
     * outweighed the work. Same text as the library writes.
     */
    @Override
    public String convertToDatabaseColumn(FlowRunPolicy value) {
        return FlowRunPolicy.empty().equals(value) ? emptyPolicyText : super.convertToDatabaseColumn(value);
    }

    @Override
    public FlowRunPolicy convertToEntityAttribute(String text) {
        if (EMPTY_OBJECT.equals(text) || emptyPolicyText.equals(text)) {
            return FlowRunPolicy.empty();
        }
        return super.convertToEntityAttribute(text);
    }
}
