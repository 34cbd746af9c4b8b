package io.stratum.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratum.orm.types.Actions;
import io.stratum.orm.types.ConcurrencyLimitStrategy;
import io.stratum.orm.types.ConcurrencyOptions;
import io.stratum.orm.types.CreatedBy;
import io.stratum.orm.types.Firing;
import io.stratum.orm.types.FlowRunPolicy;
import io.stratum.orm.types.Json;
import io.stratum.orm.types.QueueFilter;
import io.stratum.orm.types.ReceivedEvent;
import io.stratum.orm.types.RetryType;
import io.stratum.orm.types.Schedule;
import io.stratum.orm.types.StateDetails;
import io.stratum.orm.types.TaskRunPolicy;
import io.stratum.orm.types.Trigger;
import io.stratum.orm.types.WorkPoolStorageConfiguration;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Sets every mapped column of an entity to a sample value of its type that differs from the entity's
 * default, so a round trip proves each column type and a copy of a row collides on every unique key.
 * Text is unique per value (so two rows of one table never collide by accident), timestamps carry
 * microseconds, JSON values mix every JSON type, typed JSON values pass their validation.
 */
final class SampleValues {
    static final Instant BASE_TIME = Instant.parse("2026-03-04T05:06:07.123456Z");
    static final String BASE_TIME_JSON = "\"2026-03-04T05:06:07.123456Z\"";

    private final Map<Class<?>, Supplier<Object>> typed = Map.ofEntries(
            Map.entry(FlowRunPolicy.class, () -> new FlowRunPolicy(3, 1.5, 1, 10, List.of("pause-1"), true,
                    RetryType.IN_PROCESS)),
            Map.entry(TaskRunPolicy.class, () -> new TaskRunPolicy(2, 0.5, 1, json("[1, 2.5]"), 0.25)),
            Map.entry(StateDetails.class, () -> new StateDetails(UUID.randomUUID(), UUID.randomUUID(),
                    UUID.randomUUID(), BASE_TIME, "cache-key", BASE_TIME.plusSeconds(60), true, false,
                    BASE_TIME.plusSeconds(120), true, "pause-key", List.of("input"), false, true, UUID.randomUUID(),
                    UUID.randomUUID(), "00-trace-01", UUID.randomUUID())),
            Map.entry(CreatedBy.class, () -> new CreatedBy(UUID.randomUUID(), "DEPLOYMENT", "nightly")),
            Map.entry(ConcurrencyOptions.class, () -> new ConcurrencyOptions(ConcurrencyLimitStrategy.CANCEL_NEW, 30)),
            Map.entry(Schedule.class, () -> Schedule.interval(Duration.ofMinutes(5), BASE_TIME, "Europe/Berlin")),
            Map.entry(QueueFilter.class, () -> new QueueFilter(List.of("tag"), List.of(UUID.randomUUID()))),
            Map.entry(WorkPoolStorageConfiguration.class, () -> new WorkPoolStorageConfiguration(
                    Map.of("step", "upload"), Map.of("step", "execute"), UUID.randomUUID())),
            Map.entry(Trigger.class, () -> new Trigger(json("{\"type\": \"event\", \"posture\": \"Reactive\", "
                    + "\"threshold\": 1}"))),
            Map.entry(Actions.class, () -> new Actions(json("[{\"type\": \"do-nothing\"}]"))),
            Map.entry(ReceivedEvent.class, () -> new ReceivedEvent(json("{\"occurred\": " + BASE_TIME_JSON
                    + ", \"event\": \"prefect.flow-run.Completed\", \"resource\": {\"prefect.resource.id\": "
                    + "\"prefect.flow-run.1\"}, \"id\": \"" + UUID.randomUUID() + "\"}"))),
            Map.entry(Firing.class, () -> new Firing(json("{\"id\": \"" + UUID.randomUUID() + "\", \"trigger\": "
                    + "{\"type\": \"event\"}, \"trigger_states\": [\"Triggered\"], \"triggered\": " + BASE_TIME_JSON
                    + "}"))));

    /** Keeps text unique across graphs written to one database. */
    private final String tag = UUID.randomUUID().toString().substring(0, 8);
    private int counter;

    /** The entity with every mapped column except {@code id} set to a sample value. */
    <T> T fill(T entity) {
        for (Field field : mappedFields(entity.getClass())) {
            if (!field.isAnnotationPresent(Id.class)) {
                set(field, entity, sample(field, get(field, entity)));
            }
        }
        return entity;
    }

    /** A sample value for the column the field maps. */
    Object sample(Field field, Object current) {
        Class<?> type = field.getType();
        counter++;
        if (type == UUID.class) {
            return UUID.randomUUID();
        } else if (type == String.class) {
            return field.getName() + "-" + tag + "-" + counter;
        } else if (type == Instant.class) {
            return BASE_TIME.plusSeconds(counter);
        } else if (type == Duration.class) {
            return Duration.ofSeconds(3723, 456_789_000);
        } else if (type == int.class || type == Integer.class) {
            return 7 + counter;
        } else if (type == short.class) {
            return (short) 30;
        } else if (type == boolean.class || type == Boolean.class) {
            return !Boolean.TRUE.equals(current);
        } else if (type == double.class) {
            return 0.25 + counter;
        } else if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return Objects.equals(constants[constants.length - 1], current) ? constants[0] : constants[constants.length - 1];
        } else if (type == Map.class) {
            return jsonObject();
        } else if (type == List.class) {
            Object element = ((ParameterizedType) field.getGenericType()).getActualTypeArguments()[0];
            return element == String.class ? new ArrayList<>(List.of("tag-a", "tag-b"))
                    : new ArrayList<>(List.of(jsonObject()));
        } else if (type == JsonNode.class) {
            return json("[1, \"two\", {\"three\": 3.5}, true, null]");
        } else if (typed.containsKey(type)) {
            return typed.get(type).get();
        }
        throw new IllegalStateException("No sample value for " + field + " of type " + type.getName());
    }

    /** A JSON object with a value of every JSON type, as a JSON object column holds it. */
    static Map<String, Object> jsonObject() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("text", "value");
        value.put("number", 3);
        value.put("fraction", 1.5);
        value.put("flag", true);
        value.put("nothing", null);
        value.put("list", new ArrayList<>(List.of(1, "two")));
        value.put("nested", new LinkedHashMap<>(Map.of("key", "value")));
        return value;
    }

    static JsonNode json(String text) {
        return Json.tree(text, "sample");
    }

    /** The entity's fields mapped to columns, base class fields last. */
    static List<Field> mappedFields(Class<?> entity) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> type = entity; type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (field.isAnnotationPresent(Column.class)) {
                    field.setAccessible(true);
                    fields.add(field);
                }
            }
        }
        return fields;
    }

    /** The column a field maps, without quotes. */
    static String column(Field field) {
        return field.getAnnotation(Column.class).name().replace("\"", "");
    }

    static Object get(Field field, Object entity) {
        try {
            return field.get(entity);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void set(Field field, Object entity, Object value) {
        try {
            field.set(entity, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
