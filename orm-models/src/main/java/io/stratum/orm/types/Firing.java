package io.stratum.orm.types;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.stratum.api.Api;

/**
 * {@code composite_trigger_child_firing.child_firing}: the reference's {@code Firing}, kept as JSON. Valid
 * when it is an object with a UUID {@code id}, a valid {@code trigger} (see {@link Trigger}), an array
 * {@code trigger_states} and a date-time {@code triggered}.
 */
@Api(Api.Status.STABLE)
public record Firing(JsonNode value) implements ValidatedJson {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public Firing {
    }

    @JsonValue
    @Override
    public JsonNode value() {
        return value;
    }

    @Override
    public String validationError() {
        String error = JsonShapes.object(value, "the firing");
        if (error != null) {
            return error;
        }
        error = JsonShapes.first(JsonShapes.uuid(value, "id"), JsonShapes.childObject(value, "trigger"));
        if (error != null) {
            return error;
        }
        String trigger = Trigger.check(value.get("trigger"));
        if (trigger != null) {
            return "has an invalid \"trigger\": it " + trigger;
        }
        return JsonShapes.first(JsonShapes.array(value, "trigger_states"), JsonShapes.timestamp(value, "triggered"));
    }
}
