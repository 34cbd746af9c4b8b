package io.stratum.orm.types;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.stratum.api.Api;

/**
 * {@code automation_bucket.last_event}, {@code automation_event_follower.follower}: the reference's
 * {@code ReceivedEvent}, kept as JSON. Valid when it is an object with a date-time {@code occurred}, a
 * string {@code event}, an object {@code resource} and a UUID {@code id}.
 */
@Api(Api.Status.STABLE)
public record ReceivedEvent(JsonNode value) implements ValidatedJson {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public ReceivedEvent {
    }

    @JsonValue
    @Override
    public JsonNode value() {
        return value;
    }

    @Override
    public String validationError() {
        String error = JsonShapes.object(value, "the event");
        if (error != null) {
            return error;
        }
        return JsonShapes.first(JsonShapes.timestamp(value, "occurred"), JsonShapes.text(value, "event"),
                JsonShapes.childObject(value, "resource"), JsonShapes.uuid(value, "id"));
    }
}
