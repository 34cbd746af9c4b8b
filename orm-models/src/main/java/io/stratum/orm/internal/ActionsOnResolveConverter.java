package io.stratum.orm.internal;

import io.stratum.orm.types.Actions;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter
public class ActionsOnResolveConverter extends TypedJsonConverter<Actions>
        implements AttributeConverter<Actions, String> {
    public ActionsOnResolveConverter() {
        super(Actions.class, "automation.actions_on_resolve");
    }
}
