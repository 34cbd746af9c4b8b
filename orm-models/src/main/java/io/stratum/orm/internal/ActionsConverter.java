package io.stratum.orm.internal;

import io.stratum.orm.types.Actions;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter
public class ActionsConverter extends TypedJsonConverter<Actions>
        implements AttributeConverter<Actions, String> {
    public ActionsConverter() {
        super(Actions.class, "automation.actions");
    }
}
