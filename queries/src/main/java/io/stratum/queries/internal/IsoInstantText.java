package io.stratum.queries.internal;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An instant's text exactly as {@link Instant#toString()} (and so Jackson) writes it,
 * {@code 2026-05-01T08:00:00Z}, {@code …:00.500Z}, {@code …:00.123456Z}: seconds always, the fraction in
 * groups of three digits as far as it has any. Written digit by digit: {@code Instant.toString()} goes
 * through a {@code DateTimeFormatter}, a third of the scheduler insert's work of splicing each run's
 * {@code state_details} (JFR, benchmark 7). Years outside 0000–9999 keep {@code Instant.toString()}.
 */
final class IsoInstantText {
    /** The longest text this class writes itself: {@code yyyy-MM-ddTHH:mm:ss.nnnnnnnnnZ}. */
    static final int MAX_LENGTH = 30;
    private static final int SECONDS_PER_DAY = 86_400;
    private static final long MIN_SECOND = -62_167_219_200L; // 0000-01-01T00:00:00Z
    private static final long MAX_SECOND = 253_402_300_799L; // 9999-12-31T23:59:59Z

    private IsoInstantText() {
    }

    static StringBuilder append(StringBuilder text, Instant value) {
        long second = value.getEpochSecond();
        if (second < MIN_SECOND || second > MAX_SECOND) {
            return text.append(value);
        }
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(second, SECONDS_PER_DAY));
        int ofDay = (int) Math.floorMod(second, SECONDS_PER_DAY);
        digits(text, date.getYear(), 1_000).append('-');
        digits(text, date.getMonthValue(), 10).append('-');
        digits(text, date.getDayOfMonth(), 10).append('T');
        digits(text, ofDay / 3_600, 10).append(':');
        digits(text, ofDay / 60 % 60, 10).append(':');
        digits(text, ofDay % 60, 10);
        int nanos = value.getNano();
        if (nanos > 0) {
            text.append('.');
            if (nanos % 1_000_000 == 0) {
                digits(text, nanos / 1_000_000, 100);
            } else if (nanos % 1_000 == 0) {
                digits(text, nanos / 1_000, 100_000);
            } else {
                digits(text, nanos, 100_000_000);
            }
        }
        return text.append('Z');
    }

    /** {@code value} in as many digits as {@code highest} (a power of ten) has, leading zeros included. */
    private static StringBuilder digits(StringBuilder text, int value, int highest) {
        for (int divisor = highest; divisor > 0; divisor /= 10) {
            text.append((char) ('0' + value / divisor % 10));
        }
        return text;
    }
}
