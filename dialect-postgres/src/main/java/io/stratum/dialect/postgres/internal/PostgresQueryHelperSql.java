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

    @Override
    public SqlFragment jsonContains(String jsonExpression, List<Object> values) {
        StringJoiner elements = new StringJoiner(", ");
        for (Object value : values) {
            elements.add(value instanceof Number ? "CAST(? AS numeric)" : "CAST(? AS text)");
        }
        return new SqlFragment("(" + jsonExpression + " @> jsonb_build_array(" + elements + "))", new ArrayList<>(values));
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
