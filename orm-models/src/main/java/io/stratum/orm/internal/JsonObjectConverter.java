package io.stratum.orm.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import io.stratum.orm.types.Json;
import io.stratum.orm.types.JsonColumnException;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.LinkedHashMap;
import java.util.Map;

/** A JSON object column held as a {@code Map}. */
@Converter
public class JsonObjectConverter implements AttributeConverter<Map<String, Object>, String> {
    private static final TypeReference<LinkedHashMap<String, Object>> TYPE = new TypeReference<>() { };

    @Override
    public String convertToDatabaseColumn(Map<String, Object> value) {
        return value == null ? null : Json.write(value, "(JSON object)");
    }

    @Override
    public Map<String, Object> convertToEntityAttribute(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Json.mapper().readValue(text, TYPE);
        } catch (Exception e) {
            throw new JsonColumnException("(JSON object)", "holds a value that is not a JSON object: " + e.getMessage(), e);
        }
    }
}
