package io.stratum.queries.internal;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether two equal attribute values are written as the same column value, so that one conversion can
 * serve both. Equal values of scalar types, lists of them, records of them, and maps of at most one
 * entry are; larger maps are not, since two equal maps may iterate (and serialise to JSON) in different
 * orders, and SQLite stores the JSON text as written.
 */
final class SameText {
    private static final Map<Class<?>, Method[]> ACCESSORS = new ConcurrentHashMap<>();

    private SameText() {
    }

    static boolean whenEqual(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof UUID || value instanceof Instant || value instanceof Duration || value instanceof Enum<?>) {
            return true;
        }
        if (value instanceof List<?> list) {
            for (Object element : list) {
                if (!whenEqual(element)) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof Map<?, ?> map) {
            return map.size() <= 1 && map.entrySet().stream().allMatch(e -> whenEqual(e.getKey()) && whenEqual(e.getValue()));
        }
        return value instanceof Record && everyComponent(value, SameText::whenEqual);
    }

    /**
     * Whether the value cannot change after it was seen: null, an immutable scalar, or a record of such
     * values (a list or a map might be changed by its owner after its conversion was kept).
     */
    static boolean unchangeable(Object value) {
        if (value == null || value instanceof String || value instanceof Integer || value instanceof Long
                || value instanceof Boolean || value instanceof UUID || value instanceof Instant
                || value instanceof Duration || value instanceof Enum<?>) {
            return true;
        }
        return value instanceof Record && everyComponent(value, SameText::unchangeable);
    }

    /** Whether every component of the record passes {@code test}; false when one cannot be read. */
    private static boolean everyComponent(Object record, java.util.function.Predicate<Object> test) {
        try {
            for (Method accessor : accessors(record.getClass())) {
                if (!test.test(accessor.invoke(record))) {
                    return false;
                }
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException notReadable) {
            return false;
        }
    }

    private static Method[] accessors(Class<?> type) {
        return ACCESSORS.computeIfAbsent(type, record -> {
            RecordComponent[] components = record.getRecordComponents();
            Method[] accessors = new Method[components.length];
            for (int i = 0; i < components.length; i++) {
                accessors[i] = components[i].getAccessor();
            }
            return accessors;
        });
    }
}
