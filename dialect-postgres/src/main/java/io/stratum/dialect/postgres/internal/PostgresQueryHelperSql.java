package io.stratum.dialect.postgres.internal;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Expression;
import io.stratum.api.query.SqlFragment;
import io.stratum.api.spi.QueryHelperSql;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * PostgreSQL's native forms: {@code generate_series} for intervals, the jsonb operators for JSON,
 * native {@code +}, {@code -}, {@code greatest}, {@code least} and {@code now()}. Has-any and has-all
 * write the operators {@code ?|} and {@code ?&} escaped as {@code ??|} and {@code ??&} ({@link #HAS_ANY}),
 * which the driver turns back into the operator in a prepared statement: the planner uses a GIN index
 * only for the operators (the functions behind them, {@code jsonb_exists_any}/{@code _all}, are opaque to it).
 */
public final class PostgresQueryHelperSql implements QueryHelperSql {
    /**
     * {@code ?|} and {@code ?&}, escaped for the driver ({@code ??}), between two comments holding a quote:
     * EclipseLink reads every {@code ?} outside quotes of a native query (and of the SQL it prints) as a
     * parameter (eclipse-ee4j/eclipselink#836) but passes text between quotes through, and the driver and
     * PostgreSQL skip comments. So the operator survives JPA native queries, Criteria queries and plain
     * prepared statements alike.
     */
    static final String HAS_ANY = " /*'*/ ??| /*'*/ ";
    static final String HAS_ALL = " /*'*/ ??& /*'*/ ";

    @Override
    public SqlFragment timestampIntervals(Instant start, Instant end, Duration interval, int maxIntervals) {
        return SqlFragment.of("SELECT dt AS interval_start, dt + CAST(? AS interval) AS interval_end"
                        + " FROM generate_series(CAST(? AS timestamptz), CAST(? AS timestamptz), CAST(? AS interval)) AS dt"
                        + " WHERE dt < CAST(? AS timestamptz) ORDER BY dt LIMIT " + maxIntervals,
                interval, start, end, interval, end);
    }

    @Override
    public SqlFragment jsonText(String jsonExpression, String key) {
        return SqlFragment.of("(" + jsonExpression + " ->> CAST(? AS text))", key);
    }

    /** PostgreSQL functions take at most 100 arguments, so longer arrays are built in parts joined by {@code ||}. */
    private static final int MAX_FUNCTION_ARGUMENTS = 100;

    @Override
    public SqlFragment jsonContains(String jsonExpression, List<Object> values) {
        StringJoiner parts = new StringJoiner(" || ");
        for (int from = 0; from < values.size() || from == 0; from += MAX_FUNCTION_ARGUMENTS) {
            StringJoiner elements = new StringJoiner(", ", "jsonb_build_array(", ")");
            for (Object value : values.subList(from, Math.min(values.size(), from + MAX_FUNCTION_ARGUMENTS))) {
                elements.add(value instanceof Number ? "CAST(? AS numeric)" : "CAST(? AS text)");
            }
            parts.add(elements.toString());
        }
        return new SqlFragment("(" + jsonExpression + " @> (" + parts + "))", new ArrayList<>(values));
    }

    @Override
    public SqlFragment jsonHasAny(String jsonExpression, List<String> keys) {
        return new SqlFragment("(" + jsonExpression + HAS_ANY + textArray(keys.size()) + ")", new ArrayList<>(keys));
    }

    @Override
    public SqlFragment jsonHasAll(String jsonExpression, List<String> keys) {
        return new SqlFragment("(" + jsonExpression + HAS_ALL + textArray(keys.size()) + ")", new ArrayList<>(keys));
    }

    private static String textArray(int size) {
        StringJoiner elements = new StringJoiner(", ", "ARRAY[", "]");
        for (int i = 0; i < size; i++) {
            elements.add("CAST(? AS text)");
        }
        return elements.toString();
    }

    @Override
    public Expression<Double> epochSeconds(CriteriaBuilder cb, Expression<?> timestampOrInterval) {
        return cb.function("date_part", Double.class, cb.literal("epoch"), timestampOrInterval);
    }

    @Override
    public String parameter(Object value) {
        String type = value instanceof java.time.Instant ? "timestamptz"
                : value instanceof Duration ? "interval"
                : value instanceof java.util.UUID ? "uuid"
                : value instanceof Boolean ? "boolean"
                : value instanceof Integer || value instanceof Long || value instanceof Short ? "bigint"
                : value instanceof Number ? "numeric"
                : value instanceof String ? "text" : null;
        return type == null ? "?" : "CAST(? AS " + type + ")";
    }

    @Override
    public boolean usesJsonStrings() {
        return false;
    }

    /** A no-op for a jsonb column (the parser drops a cast to the same type, so its GIN index still serves). */
    @Override
    public String castToJson() {
        return "CAST({0} AS jsonb)";
    }

    @Override
    public String buildJsonObject(int members) {
        StringJoiner arguments = new StringJoiner(", ", "jsonb_build_object(", ")");
        for (int i = 0; i < members; i++) {
            arguments.add("CAST({" + 2 * i + "} AS text)").add("{" + (2 * i + 1) + "}");
        }
        return arguments.toString();
    }

    @Override
    public String jsonArrayAgg() {
        return "coalesce(jsonb_agg({0}), CAST('[]' AS jsonb))";
    }

    @Override
    public String dateAdd() {
        return "({0} + {1})";
    }

    @Override
    public String intervalAdd() {
        return "({0} + {1})";
    }

    @Override
    public String dateDiff() {
        return "({0} - {1})";
    }

    /** {@code extract} is exact (numeric); the cast rounds once, to the double nearest the exact seconds. */
    @Override
    public String dateDiffSeconds() {
        return "CAST(EXTRACT(EPOCH FROM ({0} - {1})) AS double precision)";
    }

    @Override
    public String greatest(int arguments) {
        return call("greatest", arguments);
    }

    @Override
    public String least(int arguments) {
        return call("least", arguments);
    }

    private static String call(String function, int arguments) {
        StringJoiner call = new StringJoiner(", ", function + "(", ")");
        for (int i = 0; i < arguments; i++) {
            call.add("{" + i + "}");
        }
        return call.toString();
    }

    @Override
    public String now() {
        return "now()";
    }

    @Override
    public String jsonContainsJson(int maxDepth) {
        return "({0} @> {1})";
    }

    @Override
    public String jsonHasAnyKey(int keys) {
        return "({0}" + HAS_ANY + textArraySlots(keys) + ")";
    }

    @Override
    public String jsonHasAllKeys(int keys) {
        return "({0}" + HAS_ALL + textArraySlots(keys) + ")";
    }

    private static String textArraySlots(int keys) {
        StringJoiner elements = new StringJoiner(", ", "ARRAY[", "]");
        for (int i = 1; i <= keys; i++) {
            elements.add("CAST({" + i + "} AS text)");
        }
        return elements.toString();
    }
}
