package io.stratum.orm.internal;

import io.stratum.orm.types.ReceivedEvent;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter
public class FollowerConverter extends TypedJsonConverter<ReceivedEvent>
        implements AttributeConverter<ReceivedEvent, String> {
    public FollowerConverter() {
        super(ReceivedEvent.class, "automation_event_follower.follower");
    }
}
