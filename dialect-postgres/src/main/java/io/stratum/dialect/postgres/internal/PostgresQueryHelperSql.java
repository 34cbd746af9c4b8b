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
 * PostgreSQL's native forms: {@code generate_series} for intervals, the jsonb operators for JSON. Has-any
 * and has-all use the functions behind {@code ?|} and {@code ?&}, because a {@code ?} operator is read as
 * a bind placeholder by JDBC and JPA.
 */
public final class PostgresQueryHelperSql implements QueryHelperSql {

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
        return new SqlFragment("jsonb_exists_any(" + jsonExpression + ", " + textArray(keys.size()) + ")",
                new ArrayList<>(keys));
    }

    @Override
    public SqlFragment jsonHasAll(String jsonExpression, List<String> keys) {
        return new SqlFragment("jsonb_exists_all(" + jsonExpression + ", " + textArray(keys.size()) + ")",
                new ArrayList<>(keys));
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
}
