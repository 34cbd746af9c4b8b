package io.stratum.api.spi;

import io.stratum.api.Api;
import io.stratum.api.query.SqlFragment;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Expression;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The SQL of the query building blocks (reference §3 {@code make_timestamp_intervals}, §3.1 JSON
 * operators). Arguments arrive checked: non-null, a positive interval, de-duplicated values (key lists are
 * never empty; the contains list may be).
 */
@Api(Api.Status.EXPERIMENTAL)
public interface QueryHelperSql {

    /** SELECT {@code interval_start, interval_end} from {@code start} by {@code interval} while before {@code end}, ordered, at most {@code maxIntervals}. */
    SqlFragment timestampIntervals(Instant start, Instant end, Duration interval, int maxIntervals);

    /** {@code json ->> key}. */
    SqlFragment jsonText(String jsonExpression, String key);

    /** {@code json @> [values]}; values are strings and numbers. */
    SqlFragment jsonContains(String jsonExpression, List<Object> values);

    /** {@code json ?| keys}. */
    SqlFragment jsonHasAny(String jsonExpression, List<String> keys);

    /** {@code json ?& keys}. */
    SqlFragment jsonHasAll(String jsonExpression, List<String> keys);

    /**
     * Seconds since 1970-01-01T00:00:00Z of a timestamp column, or the length in seconds of an interval
     * column, as a Criteria expression the database computes.
     */
    Expression<Double> epochSeconds(CriteriaBuilder cb, Expression<?> timestampOrInterval);
}
