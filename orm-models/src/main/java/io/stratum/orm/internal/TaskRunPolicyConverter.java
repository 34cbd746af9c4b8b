package io.stratum.orm.internal;

import io.stratum.orm.types.TaskRunPolicy;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter
// Implements AttributeConverter directly: EclipseLink reads the column type from the class's own
// generic interfaces, not from its superclass.
public class TaskRunPolicyConverter extends TypedJsonConverter<TaskRunPolicy> implements AttributeConverter<TaskRunPolicy, String> {
    public TaskRunPolicyConverter() {
        super(TaskRunPolicy.class, "task_run.empirical_policy");
    }
}
