package io.stratum.dialect.postgres.internal;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Instants as PostgreSQL's timestamptz input reads them exactly: {@code 2026-05-01T08:00:00.123456Z}.
 * Written digit by digit because {@link Instant#toString()} goes through a {@code DateTimeFormatter},
 * which cost the scheduler's insert more than the rest of its per-run work (JFR, benchmark 7). Values
 * this form cannot carry as they are (years outside 0000–9999, nanoseconds below the microsecond, which
 * PostgreSQL rounds) keep {@code Instant.toString()}, so the server reads the same text as before.
 */
final class UtcText {
    private static final int SECONDS_PER_DAY = 86_400;
    private static final long MIN_SECOND = -62_167_219_200L; // 0000-01-01T00:00:00Z
    private static final long MAX_SECOND = 253_402_300_799L; // 9999-12-31T23:59:59Z

    private UtcText() {
    }

    static void append(StringBuilder text, Instant value) {
        long second = value.getEpochSecond();
        int nanos = value.getNano();
        if (second < MIN_SECOND || second > MAX_SECOND || nanos % 1_000 != 0) {
            text.append(value);
            return;
        }
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(second, SECONDS_PER_DAY));
        int ofDay = (int) Math.floorMod(second, SECONDS_PER_DAY);
        digits(text, date.getYear(), 4).append('-');
        digits(text, date.getMonthValue(), 2).append('-');
        digits(text, date.getDayOfMonth(), 2).append('T');
        digits(text, ofDay / 3_600, 2).append(':');
        digits(text, ofDay / 60 % 60, 2).append(':');
        digits(text, ofDay % 60, 2).append('.');
        digits(text, nanos / 1_000, 6).append('Z');
    }

    static String of(Instant value) {
        StringBuilder text = new StringBuilder(27);
        append(text, value);
        return text.toString();
    }

    private static StringBuilder digits(StringBuilder text, int value, int width) {
        for (int divisor = pow10(width - 1); divisor > 0; divisor /= 10) {
            text.append((char) ('0' + value / divisor % 10));
        }
        return text;
    }

    private static int pow10(int exponent) {
        int value = 1;
        for (int i = 0; i < exponent; i++) {
            value *= 10;
        }
        return value;
    }
}
