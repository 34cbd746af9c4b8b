package io.stratum.orm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratum.orm.types.Json;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** A JSON column of any shape, held as a Jackson tree. */
@Converter
public class JsonValueConverter implements AttributeConverter<JsonNode, String> {
    @Override
    public String convertToDatabaseColumn(JsonNode value) {
        return value == null || value.isMissingNode() ? null : Json.write(value, "(JSON value)");
    }

    @Override
    public JsonNode convertToEntityAttribute(String text) {
        return text == null ? null : Json.tree(text, "(JSON value)");
    }
}
