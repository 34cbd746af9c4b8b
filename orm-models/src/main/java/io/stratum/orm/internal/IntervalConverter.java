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
            Duration stored = storedForm((String) value);
            if (stored != null) {
                return stored;
            }
            String text = ((String) value).trim().replace(' ', 'T');
            return Duration.between(LocalDateTime.of(1970, 1, 1, 0, 0), LocalDateTime.parse(text));
        }
        if (value instanceof Number) {
            return Duration.ofNanos(Math.round(((Number) value).doubleValue() * 1_000_000_000d));
        }
        throw new IllegalArgumentException("Column total_run_time holds " + value.getClass().getName()
                + ", which is not an interval.");
    }

    /**
     * The text form written for intervals ({@code yyyy-MM-dd HH:mm:ss.SSSSSS}, an offset from 1970-01-01)
     * read digit by digit, or {@code null} for any other text: the ISO parser's set-up per value was most
     * of the time of reading a run's row on SQLite.
     */
    private static Duration storedForm(String text) {
        if (text.length() != 26 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != ' '
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(19) != '.') {
            return null;
        }
        int[] parts = {digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10), digits(text, 11, 13),
                digits(text, 14, 16), digits(text, 17, 19), digits(text, 20, 26)};
        for (int part : parts) {
            if (part < 0) {
                return null;
            }
        }
        try {
            LocalDateTime at = LocalDateTime.of(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5],
                    parts[6] * 1_000);
            return Duration.between(LocalDateTime.of(1970, 1, 1, 0, 0), at);
        } catch (java.time.DateTimeException e) {
            return null; // Out of range: the ISO parser reports it.
        }
    }

    /** The decimal number in {@code text[from, to)}, or -1 if a character is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
