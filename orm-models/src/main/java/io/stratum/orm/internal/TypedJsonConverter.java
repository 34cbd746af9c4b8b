package io.stratum.orm.internal;

import io.stratum.orm.types.Json;
import io.stratum.orm.types.JsonColumnException;
import io.stratum.orm.types.ValidatedJson;
import jakarta.persistence.AttributeConverter;

/**
 * Base of the converters for typed JSON columns: validated on write and on read, errors name the column.
 * Values implementing {@link ValidatedJson} are also checked against their own rules both ways.
 */
abstract class TypedJsonConverter<T> implements AttributeConverter<T, String> {
    private final Class<T> type;
    private final String column;

    TypedJsonConverter(Class<T> type, String column) {
        this.type = type;
        this.column = column;
    }

    /** The column (or columns) this converter serves, as error messages name it. */
    String column() {
        return column;
    }

    @Override
    public String convertToDatabaseColumn(T value) {
        if (value == null) {
            return null;
        }
        String error = validationError(value);
        if (error != null) {
            throw new JsonColumnException(column, "cannot be written: the " + type.getSimpleName() + " " + error, null);
        }
        return Json.write(value, column);
    }

    @Override
    public T convertToEntityAttribute(String text) {
        if (text == null) {
            return null;
        }
        T value = Json.read(text, type, column);
        String error = validationError(value);
        if (error != null) {
            throw new JsonColumnException(column, "holds an invalid " + type.getSimpleName() + ": it " + error, null);
        }
        return value;
    }

    private static String validationError(Object value) {
        return value instanceof ValidatedJson ? ((ValidatedJson) value).validationError() : null;
    }
}
