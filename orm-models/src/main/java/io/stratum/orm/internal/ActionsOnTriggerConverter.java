package io.stratum.orm.internal;

import io.stratum.orm.types.Actions;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter
public class ActionsOnTriggerConverter extends TypedJsonConverter<Actions>
        implements AttributeConverter<Actions, String> {
    public ActionsOnTriggerConverter() {
        super(Actions.class, "automation.actions_on_trigger");
    }
}
