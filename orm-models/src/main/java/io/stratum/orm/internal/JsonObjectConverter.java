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
    /**
     * Most runs' parameters, context and job variables: written and read without the JSON library, whose
     * set-up per call outweighed the work for it (EclipseLink also converts each mutable value out and
     * back to make the copy it compares at commit, so a read run converted these several times).
     */
    private static final String EMPTY = "{}";

    @Override
    public String convertToDatabaseColumn(Map<String, Object> value) {
        if (value == null) {
            return null;
        }
        return value.isEmpty() ? EMPTY : Json.write(value, "(JSON object)");
    }

    @Override
    public Map<String, Object> convertToEntityAttribute(String text) {
        if (text == null) {
            return null;
        }
        if (text.equals(EMPTY)) {
            return new LinkedHashMap<>();
        }
        try {
            return Json.mapper().readValue(text, TYPE);
        } catch (Exception e) {
            throw new JsonColumnException("(JSON object)", "holds a value that is not a JSON object: " + e.getMessage(), e);
        }
    }
}
