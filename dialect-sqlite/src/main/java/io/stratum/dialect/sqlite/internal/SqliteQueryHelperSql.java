package io.stratum.dialect.sqlite.internal;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Expression;
import io.stratum.api.query.SqlFragment;
import io.stratum.api.spi.QueryHelperSql;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * SQLite's emulations (reference §3, §3.1). Intervals come from a recursive CTE over epoch microseconds,
 * exact to the microsecond (the reference's julianday arithmetic keeps only milliseconds), printed in
 * the stored timestamp form. The jsonb operators become {@code json_each}/{@code json_type} subqueries.
 */
public final class SqliteQueryHelperSql implements QueryHelperSql {
    /** Julian day number of 1970-01-01T00:00:00Z. */
    private static final double UNIX_EPOCH_JULIAN_DAY = 2440587.5;
    private static final double SECONDS_PER_DAY = 86_400.0;

    @Override
    public SqlFragment timestampIntervals(Instant start, Instant end, Duration interval, int maxIntervals) {
        long startMicros = ChronoUnit.MICROS.between(Instant.EPOCH, start);
        long endMicros = ChronoUnit.MICROS.between(Instant.EPOCH, end);
        long stepMicros = Math.addExact(Math.multiplyExact(interval.getSeconds(), 1_000_000L), interval.getNano() / 1_000);
        return SqlFragment.of("WITH RECURSIVE intervals(start_us, end_us) AS ("
                        + " SELECT ?, ? + ? WHERE ? < ?"
                        + " UNION ALL SELECT end_us, end_us + ? FROM intervals WHERE end_us < ?)"
                        + " SELECT " + timestamp("start_us") + " AS interval_start, "
                        + timestamp("end_us") + " AS interval_end"
                        + " FROM intervals ORDER BY start_us LIMIT " + maxIntervals,
                startMicros, startMicros, stepMicros, startMicros, endMicros, stepMicros, endMicros);
    }

    /** Epoch microseconds as {@code YYYY-MM-DD HH:MM:SS.ffffff} (flooring, so times before 1970 work too). */
    private static String timestamp(String micros) {
        String remainder = "((" + micros + " % 1000000 + 1000000) % 1000000)";
        return "(strftime('%Y-%m-%d %H:%M:%S', " + micros + " / 1000000 - (" + micros + " % 1000000 < 0), 'unixepoch')"
                + " || '.' || substr('000000' || " + remainder + ", -6, 6))";
    }

    /**
     * The member is looked up by its key as a bound value, never pasted into a JSON path: SQLite's path
     * syntax has no escape for {@code "}, so a key such as {@code a"."b} would read the nested member
     * {@code a.b} and {@code a"} would fail the statement. Only objects have members (PostgreSQL's
     * {@code ->>} gives NULL for arrays and scalars); of repeated keys the last wins, as in jsonb.
     */
    @Override
    public SqlFragment jsonText(String jsonExpression, String key) {
        // json_each's value alone gives 1/0 for booleans, where PostgreSQL's ->> gives 'true'/'false'.
        return SqlFragment.of("(SELECT CASE json_member.type WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' "
                + "ELSE CAST(json_member.value AS TEXT) END FROM json_each(" + jsonExpression + ") json_member "
                + "WHERE json_type(" + jsonExpression + ") = 'object' AND json_member.key = ? "
                + "ORDER BY json_member.id DESC LIMIT 1)", key);
    }

    @Override
    public SqlFragment jsonContains(String jsonExpression, List<Object> values) {
        // Strings match string elements, numbers number elements: an untyped json_each value compares
        // unequal to a bound value of the other kind, as jsonb does.
        return new SqlFragment("(json_type(" + jsonExpression + ") = 'array' AND (SELECT count(DISTINCT json_item.value) FROM "
                + "json_each(" + jsonExpression + ") json_item WHERE json_item.type IN ('text', 'integer', 'real') AND json_item.value IN ("
                + placeholders(values.size()) + ")) >= " + values.size() + ")", sqliteValues(values));
    }

    /**
     * Numbers as SQLite compares them with JSON numbers: integers as INTEGER, others as REAL (the driver
     * would bind a BigDecimal as text, which equals no JSON number).
     */
    private static List<Object> sqliteValues(List<Object> values) {
        List<Object> result = new ArrayList<>(values.size());
        for (Object value : values) {
            if (value instanceof Number && !(value instanceof Long || value instanceof Integer || value instanceof Short
                    || value instanceof Byte)) {
                BigDecimal number = new BigDecimal(value.toString());
                boolean integral = number.signum() == 0 || number.stripTrailingZeros().scale() <= 0;
                value = integral && number.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0
                        ? (Object) number.longValueExact() : (Object) number.doubleValue();
            }
            result.add(value);
        }
        return result;
    }

    @Override
    public SqlFragment jsonHasAny(String jsonExpression, List<String> keys) {
        return new SqlFragment("EXISTS (SELECT 1 FROM json_each(" + jsonExpression + ") json_item WHERE "
                + keyOrString(jsonExpression) + " IN (" + placeholders(keys.size()) + "))", new ArrayList<>(keys));
    }

    @Override
    public SqlFragment jsonHasAll(String jsonExpression, List<String> keys) {
        String candidate = keyOrString(jsonExpression);
        return new SqlFragment("((SELECT count(DISTINCT " + candidate + ") FROM json_each(" + jsonExpression + ") json_item WHERE "
                + candidate + " IN (" + placeholders(keys.size()) + ")) >= " + keys.size() + ")", new ArrayList<>(keys));
    }

    /** What {@code ?|} and {@code ?&} match: an object's keys, else string elements (or a string scalar). */
    private static String keyOrString(String jsonExpression) {
        return "(CASE WHEN json_type(" + jsonExpression + ") = 'object' THEN json_item.key WHEN json_item.type = 'text' THEN json_item.value END)";
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    /**
     * Timestamps and intervals are text ({@code YYYY-MM-DD HH:MM:SS.ffffff}, intervals as offsets from
     * 1970-01-01): seconds by Julian-day arithmetic, which SQLite resolves to the millisecond.
     */
    @Override
    public Expression<Double> epochSeconds(CriteriaBuilder cb, Expression<?> timestampOrInterval) {
        Expression<Double> julianDay = cb.function("julianday", Double.class, timestampOrInterval);
        return cb.prod(cb.diff(julianDay, UNIX_EPOCH_JULIAN_DAY), SECONDS_PER_DAY);
    }
}
