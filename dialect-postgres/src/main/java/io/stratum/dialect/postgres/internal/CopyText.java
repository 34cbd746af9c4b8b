package io.stratum.dialect.postgres.internal;

import java.time.Instant;
import java.util.UUID;

/**
 * Values in COPY's text format: {@code \N} for null, backslash escapes for the characters that end a
 * field or a row, timestamps in ISO 8601 with their zone (PostgreSQL reads them exactly, microseconds
 * included).
 */
final class CopyText {
    private CopyText() {
    }

    static void append(StringBuilder text, Object value) {
        if (value == null) {
            text.append("\\N");
        } else if (value instanceof String string) {
            escaped(text, string);
        } else if (value instanceof UUID || value instanceof Number) {
            text.append(value);
        } else if (value instanceof Instant instant) {
            UtcText.append(text, instant);
        } else if (value instanceof Boolean flag) {
            text.append(flag ? 't' : 'f');
        } else if (value instanceof Enum<?> constant) {
            escaped(text, constant.name());
        } else {
            throw new IllegalArgumentException("COPY cannot send a value of type " + value.getClass().getName()
                    + "; pass UUID, Instant, String, a number, Boolean or null");
        }
    }

    private static void escaped(StringBuilder text, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> text.append(c);
            }
        }
    }
}
