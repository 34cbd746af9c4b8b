package io.stratum.orm.types;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.stratum.api.Api;
import java.io.IOException;
import java.time.Instant;

/**
 * The JSON mapping every JSON column uses: snake_case field names (as the reference stores them),
 * NaN and ±Infinity written as {@code null} (as the reference does), unknown fields ignored on read
 * unless a type forbids them.
 */
@Api(Api.Status.STABLE)
public final class Json {
    private static final ObjectMapper MAPPER = createMapper();

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Serialises a value; fails with a {@link JsonColumnException} naming the column. */
    public static String write(Object value, String column) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new JsonColumnException(column, "cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Parses and validates a stored value as {@code type}; fails with a {@link JsonColumnException} naming the column. */
    public static <T> T read(String text, Class<T> type, String column) {
        try {
            T value = MAPPER.readValue(text, type);
            if (value == null) {
                throw new JsonColumnException(column, "holds JSON null where " + type.getSimpleName() + " is required", null);
            }
            return value;
        } catch (InvalidFormatException e) {
            if (e.getTargetType() == Instant.class) {
                throw new JsonColumnException(column, "holds the timestamp " + e.getValue() + " at " + path(e)
                        + ", which is not a UTC-aware instant: a " + type.getSimpleName() + " needs timestamps with an "
                        + "offset (for example 2026-01-02T03:04:05Z)", e);
            }
            throw invalid(column, type, e);
        } catch (JsonProcessingException e) {
            throw invalid(column, type, e);
        }
    }

    private static JsonColumnException invalid(String column, Class<?> type, JsonProcessingException e) {
        return new JsonColumnException(column, "holds a value that is not a valid " + type.getSimpleName() + ": "
                + e.getOriginalMessage(), e);
    }

    /** Where in the stored value the error is, as {@code field.field[index]}. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference step : e.getPath()) {
            if (step.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(step.getFieldName());
            } else {
                path.append('[').append(step.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "the top level" : path.toString();
    }

    /** Parses any stored JSON value. */
    public static JsonNode tree(String text, String column) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new JsonColumnException(column, "holds text that is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static ObjectMapper createMapper() {
        // At the generator, so every double and float is covered: boxed and primitive values, map and
        // list entries, and the nodes of JSON trees (which bypass registered serializers).
        JsonFactory factory = JsonFactory.builder()
                .addDecorator((owner, generator) -> new FiniteNumberGenerator(generator))
                .build();
        return new ObjectMapper(factory)
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .registerModule(new JavaTimeModule())
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false)
                .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
    }

    /** Writes NaN and ±Infinity as {@code null}. */
    private static final class FiniteNumberGenerator extends JsonGeneratorDelegate {
        FiniteNumberGenerator(JsonGenerator delegate) {
            super(delegate, false);
        }

        @Override
        public void writeNumber(double value) throws IOException {
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                writeNull();
            } else {
                super.writeNumber(value);
            }
        }

        @Override
        public void writeNumber(float value) throws IOException {
            if (Float.isNaN(value) || Float.isInfinite(value)) {
                writeNull();
            } else {
                super.writeNumber(value);
            }
        }
    }
}
