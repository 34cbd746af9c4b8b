package io.stratum.orm.internal;

import io.stratum.orm.types.Trigger;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter
public class TriggerConverter extends TypedJsonConverter<Trigger>
        implements AttributeConverter<Trigger, String> {
    public TriggerConverter() {
        super(Trigger.class, "automation.trigger");
    }
}
