package io.stratum.dialect.postgres.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Timestamps and intervals in PostgreSQL's plainest text forms, written and read without the driver's
 * calendar and reflection (see {@link PostgresStorageValues}). Each method answers {@code null} for a
 * value outside its form, and the caller then takes the driver's way: nothing here has to be complete.
 */
final class PostgresTimeText {
    /** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z: four-digit years of the common era. */
    private static final long FIRST_SECOND = -62_135_596_800L;
    private static final long LAST_SECOND = 253_402_300_799L;
    private static final int MICROS_PER_SECOND = 1_000_000;

    private PostgresTimeText() {
    }

    /**
     * {@code yyyy-MM-dd HH:mm:ss.ffffff+00}, rounded to the microsecond half up as the driver rounds an
     * {@code OffsetDateTime}; null outside years 1 to 9999.
     */
    static String timestamp(Instant value) {
        long seconds = value.getEpochSecond();
        int micros = (value.getNano() + 500) / 1000;
        if (micros == MICROS_PER_SECOND) {
            seconds++;
            micros = 0;
        }
        if (seconds < FIRST_SECOND || seconds > LAST_SECOND) {
            return null;
        }
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400L));
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        char[] text = new char[29];
        digits(text, 0, date.getYear(), 4);
        text[4] = '-';
        digits(text, 5, date.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, date.getDayOfMonth(), 2);
        text[10] = ' ';
        digits(text, 11, secondOfDay / 3600, 2);
        text[13] = ':';
        digits(text, 14, secondOfDay / 60 % 60, 2);
        text[16] = ':';
        digits(text, 17, secondOfDay % 60, 2);
        text[19] = '.';
        digits(text, 20, micros, 6);
        text[26] = '+';
        text[27] = '0';
        text[28] = '0';
        return new String(text);
    }

    /**
     * An interval as PostgreSQL prints it in its default style ({@code IntervalStyle = postgres}) when it
     * holds days and time only: {@code [N day[s] ][-]H+:MM:SS[.f…]}, either part alone; a day counts 24
     * hours, as {@link io.stratum.dialect.postgres.eclipselink.PostgresPlatform#toDuration} counts it. Null
     * for anything else (months, years, other styles).
     */
    static Duration interval(String text) {
        int length = text.length();
        int at = 0;
        long days = 0;
        int space = text.indexOf(' ');
        if (space > 0) {
            boolean negativeDays = text.charAt(0) == '-';
            Long count = unsigned(text, negativeDays ? 1 : 0, space);
            int unitEnd = text.indexOf(' ', space + 1);
            unitEnd = unitEnd < 0 ? length : unitEnd;
            String unit = text.substring(space + 1, unitEnd);
            if (count == null || !(unit.equals("day") || unit.equals("days"))) {
                return null;
            }
            days = negativeDays ? -count : count;
            if (unitEnd == length) {
                return Duration.ofDays(days);
            }
            at = unitEnd + 1;
        }
        boolean negative = at < length && text.charAt(at) == '-';
        if (negative || at < length && text.charAt(at) == '+') {
            at++;
        }
        int colon = text.indexOf(':', at);
        if (colon < 0 || colon + 6 > length || text.charAt(colon + 3) != ':') {
            return null;
        }
        Long hours = unsigned(text, at, colon);
        Long minutes = unsigned(text, colon + 1, colon + 3);
        Long seconds = unsigned(text, colon + 4, colon + 6);
        if (hours == null || minutes == null || seconds == null) {
            return null;
        }
        long micros = 0;
        int fraction = colon + 6;
        if (fraction < length) {
            int digits = length - fraction - 1;
            Long value = text.charAt(fraction) == '.' && digits <= 6 ? unsigned(text, fraction + 1, length) : null;
            if (value == null) {
                return null;
            }
            micros = value;
            for (int i = digits; i < 6; i++) {
                micros *= 10;
            }
        }
        Duration time = Duration.ofSeconds((hours * 60 + minutes) * 60 + seconds, micros * 1000L);
        return Duration.ofDays(days).plus(negative ? time.negated() : time);
    }

    /** The decimal digits of text[from, to), or null if it holds anything else, nothing or more than 12. */
    private static Long unsigned(String text, int from, int to) {
        if (from >= to || to - from > 12) {
            return null;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static void digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
