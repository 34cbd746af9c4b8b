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
 * operators and portable helpers). Arguments arrive checked: non-null, a positive interval, de-duplicated
 * values (key lists are never empty; the contains list may be).
 *
 * <p>The portable helpers ({@link io.stratum.api.query.PortableSql}, {@link
 * io.stratum.api.query.PortableCriteria}) are <em>templates</em>: SQL text with argument slots
 * {@code {0}}, {@code {1}}, … that the shared code fills, once with native SQL fragments and once with
 * Criteria expressions, so each helper is written once per dialect and gives both forms. A slot may
 * appear more than once (its argument is then evaluated more than once); a template contains no
 * {@code ?} of its own except the escaped {@code ??} of a PostgreSQL operator.
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

    /**
     * The placeholder of a bound value ({@code ?}), with the type the database must know when nothing
     * around it tells (PostgreSQL infers nothing from {@code ? + ?} or a {@code jsonb_build_object}
     * argument): the value is a string, number, boolean, UUID, {@link java.time.Instant} or
     * {@link java.time.Duration}.
     */
    String parameter(Object value);

    /** Whether JSON built by the database is text to parse (SQLite) rather than a JSON type (PostgreSQL jsonb). */
    boolean usesJsonStrings();

    /** {@code {0}} as a JSON value (a JSON column, or JSON text). */
    String castToJson();

    /** A JSON object of {@code members} key-value pairs: keys in the even slots, values in the odd ones. */
    String buildJsonObject(int members);

    /** Aggregate {@code {0}} into a JSON array; {@code []} over no rows. */
    String jsonArrayAgg();

    /** Timestamp {@code {0}} plus interval {@code {1}}, exact to the microsecond. */
    String dateAdd();

    /** Interval {@code {0}} plus interval {@code {1}}. */
    String intervalAdd();

    /** The interval from timestamp {@code {1}} to timestamp {@code {0}} ({@code {0} - {1}}). */
    String dateDiff();

    /** Seconds from timestamp {@code {1}} to timestamp {@code {0}}, as a double. */
    String dateDiffSeconds();

    /** The largest of {@code arguments} values ({@code {0}}…), ignoring NULLs; NULL only when all are. */
    String greatest(int arguments);

    /** The smallest of {@code arguments} values, ignoring NULLs; NULL only when all are. */
    String least(int arguments);

    /** The statement's current time in the timestamp columns' form (no slots). */
    String now();

    /**
     * Whether JSON {@code {0}} contains JSON {@code {1}} as PostgreSQL's {@code jsonb @>} decides it, for
     * values nested up to {@code maxDepth} levels (deeper ones fail the statement); NULL if either is NULL.
     */
    String jsonContainsJson(int maxDepth);

    /** {@code {0} ?| ARRAY[{1}, …]} over {@code keys} key slots, able to use a GIN index. */
    String jsonHasAnyKey(int keys);

    /** {@code {0} ?& ARRAY[{1}, …]} over {@code keys} key slots, able to use a GIN index. */
    String jsonHasAllKeys(int keys);
}
