package io.stratum.orm.types;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.stratum.api.Api;

/**
 * {@code automation.actions}, {@code actions_on_trigger}, {@code actions_on_resolve}: a list of the
 * reference's action models, kept as JSON. Valid when it is an array of objects, each with a string
 * {@code type}.
 */
@Api(Api.Status.STABLE)
public record Actions(JsonNode value) implements ValidatedJson {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public Actions {
    }

    /** No actions (the server default {@code []}). */
    public static Actions empty() {
        return new Actions(JsonNodeFactory.instance.arrayNode());
    }

    @JsonValue
    @Override
    public JsonNode value() {
        return value;
    }

    @Override
    public String validationError() {
        if (value == null || !value.isArray()) {
            return "is not a JSON array of actions (found " + JsonShapes.kind(value) + ")";
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode action = value.get(i);
            String error = JsonShapes.object(action, "action " + i);
            if (error == null) {
                error = JsonShapes.text(action, "type");
            }
            if (error != null) {
                return "has an invalid action at index " + i + ": it " + error;
            }
        }
        return null;
    }
}
