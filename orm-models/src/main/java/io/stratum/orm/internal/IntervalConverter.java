package io.stratum.orm.internal;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.time.Duration;
import java.time.LocalDateTime;

/**
 * Keeps {@link Duration} as the value handed to the dialect. Without a converter EclipseLink would
 * serialise the (Serializable) Duration into bytes; with it, the dialect platform binds the interval
 * form ({@code interval} on PostgreSQL, an offset from 1970-01-01 as text on SQLite). PostgreSQL's
 * platform reads back a Duration; SQLite's text is parsed here, since EclipseLink does not convert a
 * converter's column value first.
 */
@Converter
public class IntervalConverter implements AttributeConverter<Duration, Object> {
    @Override
    public Object convertToDatabaseColumn(Duration value) {
        return value;
    }

    @Override
    public Duration convertToEntityAttribute(Object value) {
        if (value == null || value instanceof Duration) {
            return (Duration) value;
        }
        if (value instanceof String) {
            String text = ((String) value).trim().replace(' ', 'T');
            return Duration.between(LocalDateTime.of(1970, 1, 1, 0, 0), LocalDateTime.parse(text));
        }
        if (value instanceof Number) {
            return Duration.ofNanos(Math.round(((Number) value).doubleValue() * 1_000_000_000d));
        }
        throw new IllegalArgumentException("Column total_run_time holds " + value.getClass().getName()
                + ", which is not an interval.");
    }

}
