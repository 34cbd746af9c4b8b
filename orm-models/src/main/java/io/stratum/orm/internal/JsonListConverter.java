package io.stratum.orm.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import io.stratum.orm.types.Json;
import io.stratum.orm.types.JsonColumnException;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.ArrayList;
import java.util.List;

/** A JSON array column held as a {@code List}. */
@Converter
public class JsonListConverter implements AttributeConverter<List<Object>, String> {
    private static final TypeReference<ArrayList<Object>> TYPE = new TypeReference<>() { };
    /** Most runs' tags: without the JSON library, as {@link JsonObjectConverter}'s empty objects. */
    private static final String EMPTY = "[]";

    @Override
    public String convertToDatabaseColumn(List<Object> value) {
        if (value == null) {
            return null;
        }
        return value.isEmpty() ? EMPTY : Json.write(value, "(JSON array)");
    }

    @Override
    public List<Object> convertToEntityAttribute(String text) {
        if (text == null) {
            return null;
        }
        if (text.equals(EMPTY)) {
            return new ArrayList<>();
        }
        try {
            return Json.mapper().readValue(text, TYPE);
        } catch (Exception e) {
            throw new JsonColumnException("(JSON array)", "holds a value that is not a JSON array: " + e.getMessage(), e);
        }
    }
}
