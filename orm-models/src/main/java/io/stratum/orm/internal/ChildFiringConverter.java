package io.stratum.orm.internal;

import io.stratum.orm.types.Firing;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter
public class ChildFiringConverter extends TypedJsonConverter<Firing>
        implements AttributeConverter<Firing, String> {
    public ChildFiringConverter() {
        super(Firing.class, "composite_trigger_child_firing.child_firing");
    }
}
