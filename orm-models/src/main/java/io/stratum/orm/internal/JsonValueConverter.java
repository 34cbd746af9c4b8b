package io.stratum.orm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratum.orm.types.Json;
import io.stratum.orm.types.JsonColumnException;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * A JSON column of any shape, held as a Jackson tree. Written as JSON text. Read from text, or from a
 * number: SQLite gives a column declared {@code JSON} numeric affinity, so a stored top-level number
 * ({@code 42}, {@code 2.5}) comes back as a number rather than as the text written.
 */
@Converter
public class JsonValueConverter implements AttributeConverter<JsonNode, Object> {
    @Override
    public Object convertToDatabaseColumn(JsonNode value) {
        return value == null || value.isMissingNode() ? null : Json.write(value, "(JSON value)");
    }

    @Override
    public JsonNode convertToEntityAttribute(Object stored) {
        if (stored == null) {
            return null;
        }
        if (stored instanceof String) {
            return Json.tree((String) stored, "(JSON value)");
        }
        if (stored instanceof Number) {
            return Json.tree(stored.toString(), "(JSON value)");
        }
        throw new JsonColumnException("(JSON value)", "holds a " + stored.getClass().getName() + ", not JSON text", null);
    }
}
