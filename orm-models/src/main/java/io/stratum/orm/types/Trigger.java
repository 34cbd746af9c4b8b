package io.stratum.orm.types;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.stratum.api.Api;

/**
 * {@code automation.trigger}: one of the reference's trigger models (event, compound, sequence, metric …),
 * kept as JSON. Valid when it is an object with a string {@code type}.
 */
@Api(Api.Status.STABLE)
public record Trigger(JsonNode value) implements ValidatedJson {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public Trigger {
    }

    @JsonValue
    @Override
    public JsonNode value() {
        return value;
    }

    /** The trigger's {@code type}, or {@code null} when absent. */
    public String type() {
        JsonNode type = value == null ? null : value.get("type");
        return type == null || !type.isTextual() ? null : type.asText();
    }

    @Override
    public String validationError() {
        return check(value);
    }

    static String check(JsonNode node) {
        String error = JsonShapes.object(node, "the trigger");
        return error != null ? error : JsonShapes.text(node, "type");
    }
}
