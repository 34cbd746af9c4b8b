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

    @Override
    public String parameter(Object value) {
        return "?";
    }

    /**
     * A template whose arguments are read inside {@code json_each} subqueries: the arguments are selected
     * first, in a derived table of their own, and read there as {@code stratum_args.a0}, {@code a1}, ….
     * Written into the subquery itself, an unqualified column such as {@code value}, {@code key},
     * {@code type} or {@code id} (as EclipseLink prints a single-table query) would name
     * {@code json_each}'s own column instead of the caller's.
     */
    private static String withArguments(int arguments, String body) {
        List<String> selected = new ArrayList<>();
        for (int i = 0; i < arguments; i++) {
            selected.add("{" + i + "} AS a" + i);
        }
        return "(SELECT " + body + " FROM (SELECT " + String.join(", ", selected) + ") stratum_args)";
    }

    @Override
    public boolean usesJsonStrings() {
        return true;
    }

    @Override
    public String castToJson() {
        return "json({0})";
    }

    @Override
    public String buildJsonObject(int members) {
        List<String> slots = new ArrayList<>();
        for (int i = 0; i < 2 * members; i++) {
            slots.add("{" + i + "}");
        }
        return "json_object(" + String.join(", ", slots) + ")";
    }

    @Override
    public String jsonArrayAgg() {
        return "json_group_array({0})";
    }

    /**
     * Timestamps and intervals are text ({@code YYYY-MM-DD HH:MM:SS.ffffff}; an interval is the time
     * that long after 1970-01-01): the arithmetic runs on epoch microseconds, exact, where the reference's
     * Julian days keep milliseconds only. A missing or shorter fraction counts as zeros.
     */
    private static String micros(String slot) {
        return "(CAST(strftime('%s', " + slot + ") AS INTEGER) * 1000000 + CAST(substr(" + slot
                + " || '000000', 21, 6) AS INTEGER))";
    }

    @Override
    public String dateAdd() {
        return timestamp("(" + micros("{0}") + " + " + micros("{1}") + ")");
    }

    @Override
    public String intervalAdd() {
        return dateAdd();
    }

    @Override
    public String dateDiff() {
        return timestamp("(" + micros("{0}") + " - " + micros("{1}") + ")");
    }

    @Override
    public String dateDiffSeconds() {
        return "((" + micros("{0}") + " - " + micros("{1}") + ") / 1000000.0)";
    }

    @Override
    public String greatest(int arguments) {
        return extreme("max", arguments);
    }

    @Override
    public String least(int arguments) {
        return extreme("min", arguments);
    }

    /**
     * SQLite's {@code max(a, b, …)} is NULL when any value is; PostgreSQL's {@code greatest} ignores NULLs.
     * Each value is replaced by itself or, when NULL, by the first non-NULL value of the others (taken in
     * turn after it), which cannot change the answer: {@code max(coalesce(a, b), coalesce(b, a))}.
     * One value is itself (one-argument {@code max} is the aggregate).
     */
    private static String extreme(String function, int arguments) {
        if (arguments == 1) {
            return "{0}";
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < arguments; i++) {
            List<String> inTurn = new ArrayList<>();
            for (int j = 0; j < arguments; j++) {
                inTurn.add("{" + (i + j) % arguments + "}");
            }
            values.add("coalesce(" + String.join(", ", inTurn) + ")");
        }
        return function + "(" + String.join(", ", values) + ")";
    }

    @Override
    public String now() {
        return "strftime('%Y-%m-%d %H:%M:%f000', 'now')";
    }

    /**
     * jsonb {@code @>} unrolled {@code maxDepth} levels (SQLite has no recursive functions): an object or
     * array needle is contained when each of its members (objects: by key) or elements (arrays: any) is
     * matched by one of the container's of the same JSON type, scalars by value (numbers by number), and
     * containers level by level; a scalar needle is contained by an equal scalar or by an array holding it.
     * Past {@code maxDepth} levels a comparison fails with an error naming the limit instead of answering wrongly.
     */
    @Override
    public String jsonContainsJson(int maxDepth) {
        String container = "stratum_args.a0";
        String needle = "stratum_args.a1";
        String scalarNeedle = "json_type(" + container + ") = 'array' AND EXISTS (SELECT 1 FROM json_each(" + container
                + ") c0 WHERE " + scalarEquals("c0.type", "c0.value", "json_type(" + needle + ")", "json_extract(" + needle + ", '$')")
                + ") OR json_type(" + container + ") NOT IN ('array', 'object') AND "
                + scalarEquals("json_type(" + container + ")", "json_extract(" + container + ", '$')",
                "json_type(" + needle + ")", "json_extract(" + needle + ", '$')");
        return withArguments(2, "CASE WHEN " + container + " IS NULL OR " + needle + " IS NULL THEN NULL"
                + " WHEN json_type(" + needle + ") IN ('object', 'array') THEN json_type(" + container + ") = json_type("
                + needle + ") AND " + members(container, needle, 1, maxDepth)
                + " ELSE " + scalarNeedle + " END");
    }

    /** Every member (object) or element (array) of the needle is matched by one of the container's. */
    private static String members(String container, String needle, int level, int maxDepth) {
        String c = "c" + level;
        String n = "n" + level;
        String nested = level >= maxDepth
                ? "json_extract(" + n + ".value, '" + "JSON nested deeper than " + maxDepth
                + " levels: jsonContains compares at most QueryHelpers.MAX_JSON_DEPTH')"
                : members(c + ".value", n + ".value", level + 1, maxDepth);
        return "NOT EXISTS (SELECT 1 FROM json_each(" + needle + ") " + n + " WHERE NOT EXISTS (SELECT 1 FROM json_each("
                + container + ") " + c + " WHERE (" + n + ".key = " + c + ".key OR json_type(" + needle + ") = 'array') AND "
                + "CASE WHEN " + n + ".type IN ('object', 'array') THEN " + c + ".type = " + n + ".type AND " + nested
                + " ELSE " + scalarEquals(c + ".type", c + ".value", n + ".type", n + ".value") + " END))";
    }

    /** JSON scalars are equal when of one kind (integer and real are both numbers) and, for strings and numbers, of one value. */
    private static String scalarEquals(String typeA, String valueA, String typeB, String valueB) {
        return "(" + numberAsOneKind(typeA) + " = " + numberAsOneKind(typeB) + " AND (" + typeA
                + " IN ('null', 'true', 'false') OR " + valueA + " = " + valueB + "))";
    }

    private static String numberAsOneKind(String type) {
        return "(CASE " + type + " WHEN 'real' THEN 'integer' ELSE " + type + " END)";
    }

    @Override
    public String jsonHasAnyKey(int keys) {
        return withArguments(1, "EXISTS (SELECT 1 FROM json_each(stratum_args.a0) json_item WHERE "
                + keyOrString("stratum_args.a0") + " IN (" + keySlots(keys) + "))");
    }

    @Override
    public String jsonHasAllKeys(int keys) {
        String candidate = keyOrString("stratum_args.a0");
        return withArguments(1, "(SELECT count(DISTINCT " + candidate + ") FROM json_each(stratum_args.a0) json_item WHERE "
                + candidate + " IN (" + keySlots(keys) + ")) >= " + keys);
    }

    private static String keySlots(int keys) {
        List<String> slots = new ArrayList<>();
        for (int i = 1; i <= keys; i++) {
            slots.add("{" + i + "}");
        }
        return String.join(", ", slots);
    }
}
