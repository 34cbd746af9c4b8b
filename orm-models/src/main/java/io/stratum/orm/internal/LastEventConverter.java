package io.stratum.orm.internal;

import io.stratum.orm.types.ReceivedEvent;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter
public class LastEventConverter extends TypedJsonConverter<ReceivedEvent>
        implements AttributeConverter<ReceivedEvent, String> {
    public LastEventConverter() {
        super(ReceivedEvent.class, "automation_bucket.last_event");
    }
}
