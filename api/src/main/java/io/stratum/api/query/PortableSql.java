package io.stratum.api.query;

import io.stratum.api.Api;
import java.util.Collection;
import java.util.Map;

/**
 * The reference's portable SQL helpers (§3 and §3.1: {@code build_json_object}, {@code json_arr_agg},
 * {@code cast_to_json}, {@code date_add}, {@code interval_add}, {@code date_diff},
 * {@code date_diff_seconds}, {@code greatest}, {@code least}, {@code now()}, the jsonb operators) as
 * native SQL fragments: each takes SQL expressions ({@link SqlFragment}s, e.g. {@code SqlFragment.of("fr.tags")}
 * or a bound value) and returns one, so a query written once runs on both databases with the same answers.
 * The same helpers for Criteria queries: {@link PortableCriteria}. Obtained from
 * {@code db.queries().helpers().sql()}.
 *
 * <p>The SQL of an argument is copied into the result (in parentheses; possibly more than once, its
 * values bound each time): it must come from code, never from user input — bind values instead
 * ({@link #value}, {@link #json}). Timestamps are the timestamp columns' values ({@code timestamptz} on
 * PostgreSQL, the stored text on SQLite), intervals those of interval columns ({@code total_run_time})
 * or bound {@link java.time.Duration}s; read results through a JPA native query, whose dialect converts them.
 */
@Api(Api.Status.EXPERIMENTAL)
public interface PortableSql {

    /** A bound value: a string, number, boolean, UUID, {@link java.time.Instant} or {@link java.time.Duration}. */
    SqlFragment value(Object value);

    /**
     * JSON text as a JSON value (bound, then {@link #castToJson}). Checked here: malformed JSON or JSON
     * nested deeper than {@link QueryHelpers#MAX_JSON_DEPTH} levels is refused with an
     * {@link IllegalArgumentException}.
     */
    SqlFragment json(String jsonText);

    /** {@code cast_to_json}: a JSON column or JSON text as a JSON value (PostgreSQL {@code jsonb}; SQLite {@code json()}). */
    SqlFragment castToJson(SqlFragment expression);

    /**
     * {@code build_json_object}: a JSON object of the members in the map's order (keys bound, values SQL
     * expressions; pass JSON values through {@link #castToJson} so they nest as JSON, not as strings).
     * At most {@link QueryHelpers#MAX_JSON_MEMBERS} members. Strings, numbers, NULL and JSON give the same
     * object on both databases; timestamps and booleans do not (PostgreSQL writes ISO timestamps and
     * {@code true}, SQLite its stored text and {@code 1}): convert them first where the JSON is compared.
     */
    SqlFragment buildJsonObject(Map<String, SqlFragment> members);

    /** {@code json_arr_agg}: the group's values as a JSON array, in no guaranteed order; {@code []} for no rows. */
    SqlFragment jsonArrayAgg(SqlFragment value);

    /** {@code date_add}: timestamp plus interval, exact to the microsecond. */
    SqlFragment dateAdd(SqlFragment timestamp, SqlFragment interval);

    /** {@code interval_add}: the sum of two intervals. */
    SqlFragment intervalAdd(SqlFragment interval, SqlFragment otherInterval);

    /** {@code date_diff}: the interval {@code later - earlier}. */
    SqlFragment dateDiff(SqlFragment later, SqlFragment earlier);

    /** {@code date_diff_seconds(dt1, dt2)}: seconds from {@code earlier} to {@code later}, a double. */
    SqlFragment dateDiffSeconds(SqlFragment later, SqlFragment earlier);

    /** {@code date_diff_seconds(dt)}: seconds from {@code timestamp} to {@link #now()}. */
    SqlFragment dateDiffSeconds(SqlFragment timestamp);

    /**
     * {@code greatest}: the largest non-NULL value; NULL only when every value is (PostgreSQL's rule, kept on
     * SQLite, whose {@code max()} would give NULL as soon as one value is). 1 to
     * {@link QueryHelpers#MAX_ARGUMENTS} values.
     */
    SqlFragment greatest(SqlFragment... values);

    /** {@code least}: the smallest non-NULL value; NULL only when every value is. 1 to {@link QueryHelpers#MAX_ARGUMENTS} values. */
    SqlFragment least(SqlFragment... values);

    /**
     * {@code now()}: the current time as a timestamp column holds it. PostgreSQL: the transaction's start
     * ({@code now()}); SQLite: the statement's time, {@code YYYY-MM-DD HH:MM:SS.fff000} (milliseconds
     * padded to microseconds, as the reference).
     */
    SqlFragment now();

    /**
     * {@code container @> contained} (jsonb containment) on both databases, for any JSON values: objects
     * contain objects whose members they contain, arrays contain arrays each of whose elements is contained
     * in one of theirs (objects and arrays inside arrays included, order and repeats ignored), scalars
     * equal scalars, and an array contains a scalar it holds at its top level. Either side may be a
     * column, a {@link #json} literal or a subquery; NULL when either is NULL. On SQLite values nested
     * deeper than {@link QueryHelpers#MAX_JSON_DEPTH} levels on both sides fail the statement.
     */
    SqlFragment jsonContains(SqlFragment container, SqlFragment contained);

    /**
     * {@code json ?| keys}: an object has any of the keys, an array holds any as a string element, or the
     * value is one of them as a string. PostgreSQL writes the operator itself (escaped {@code ??|}), so a
     * GIN index on the column serves it. No keys = false; at most {@link QueryHelpers#MAX_KEYS}.
     */
    SqlFragment jsonHasAny(SqlFragment json, Collection<String> keys);

    /** {@code json ?& keys}: like {@link #jsonHasAny}, all of the keys. No keys = true for any non-NULL value. */
    SqlFragment jsonHasAll(SqlFragment json, Collection<String> keys);
}
