package io.stratum.api.query;

import io.stratum.api.Api;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Expression;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Query building blocks whose SQL differs per database (reference §3 {@code make_timestamp_intervals}
 * and the JSON operators of §3.1 that SQLite emulates), and the reference's portable helpers in both
 * forms: {@link #sql()} (native fragments) and {@link #criteria} (Criteria expressions). See
 * {@link QueryComponents#helpers()}.
 *
 * <p>The JSON predicates return {@link SqlFragment}s over a JSON expression the caller names, such as
 * {@code flow_run.tags} or {@code e.related_resource_ids}: that expression is copied into the SQL
 * as is, so it must come from code, never from user input (the values are always bound). On PostgreSQL
 * the expression must be {@code jsonb} (cast a {@code json} column). Both databases give the same
 * answers for the documented value kinds.
 */
@Api(Api.Status.EXPERIMENTAL)
public interface QueryHelpers {

    /** Most intervals {@link #timestampIntervals} returns, as in the reference. */
    int MAX_INTERVALS = 500;

    /**
     * The most keys {@link #jsonHasAny} and {@link #jsonHasAll} and the most values {@link #jsonContains}
     * take (before repeats are removed); more are refused with an {@link IllegalArgumentException}. Each is
     * one bind parameter and, on SQLite, one term of an IN list evaluated per row: tags and label keys
     * number in the tens, and 500 leaves the rest of the caller's query room under the 999 bind parameters
     * Stratum assumes for SQLite ({@link io.stratum.api.Dialect#maxQueryParameters()}).
     */
    int MAX_KEYS = 500;

    /**
     * The deepest nesting {@link PortableSql#jsonContains} compares on SQLite, which has no recursive
     * functions and unrolls the comparison this many levels ({@code [[1]]} is 2 deep); deeper literals
     * are refused, deeper stored values on both sides fail the statement with an error naming this limit.
     */
    int MAX_JSON_DEPTH = 8;

    /** The most members {@link PortableSql#buildJsonObject} takes (PostgreSQL functions take 100 arguments). */
    int MAX_JSON_MEMBERS = 50;

    /**
     * The most values {@link PortableSql#greatest} and {@link PortableSql#least} take: SQLite's form
     * (ignoring NULLs as PostgreSQL does) repeats each value once per value.
     */
    int MAX_ARGUMENTS = 20;

    /**
     * The run-history buckets from {@code start} in steps of {@code interval} while a bucket starts
     * before {@code end}: {@code [start, start+i), [start+i, start+2i), …}, at most {@value #MAX_INTERVALS}.
     * Empty when {@code start} is not before {@code end}.
     *
     * @throws io.stratum.api.StratumException if an argument is missing or the interval is not positive
     */
    List<TimeInterval> timestampIntervals(EntityManager session, Instant start, Instant end, Duration interval);

    /**
     * The same series as a SELECT with the columns {@code interval_start} and {@code interval_end} (in
     * the database's timestamp form), ordered by start, to join against run timestamps in a native query.
     */
    SqlFragment timestampIntervalsQuery(Instant start, Instant end, Duration interval);

    /**
     * PostgreSQL {@code json ->> key}: the member as text ({@code null} when absent or JSON null).
     * Strings, integers and booleans ({@code 'true'}/{@code 'false'}) read the same on both databases;
     * nested objects and arrays come back as JSON text whose spacing may differ. The key is a member name
     * read literally, whatever it holds ({@code a.b}, {@code a"}, {@code $}, {@code [0]}): it is bound as a
     * value, never parsed as a JSON path. Arrays and scalars have no members (NULL).
     */
    SqlFragment jsonText(String jsonExpression, String key);

    /**
     * PostgreSQL {@code json @> '[v1, v2, …]'} for a JSON array: true when the array holds every value.
     * Values are strings or numbers; a string matches only a string element, a number only a number.
     * False for objects and scalars; with no values, true for every array.
     */
    SqlFragment jsonContains(String jsonExpression, Collection<?> values);

    /**
     * PostgreSQL {@code json ?| array[k1, k2, …]}: true when any key is a top-level key of a JSON object,
     * a string element of a JSON array, or the JSON string itself. No keys = false. On PostgreSQL it is
     * the operator itself (escaped {@code ??|} for the driver), so a GIN index on the column serves it.
     */
    SqlFragment jsonHasAny(String jsonExpression, Collection<String> keys);

    /**
     * PostgreSQL {@code json ?& array[k1, k2, …]}: true when every key is a top-level key of a JSON object,
     * a string element of a JSON array, or the JSON string itself. No keys = true. On PostgreSQL it is the
     * operator itself (escaped {@code ??&}), served by a GIN index on the column.
     */
    SqlFragment jsonHasAll(String jsonExpression, Collection<String> keys);

    /**
     * Seconds since 1970-01-01T00:00:00Z of a timestamp column, or the length in seconds of an interval
     * column ({@code total_run_time}), as a Criteria expression the database computes (the building
     * block of {@code io.stratum.orm.model.RunExpressions}).
     *
     * @throws io.stratum.api.StratumException if an argument is missing
     */
    Expression<Double> epochSeconds(CriteriaBuilder cb, Expression<?> timestampOrInterval);

    /**
     * {@code uses_json_strings}: whether JSON the database builds is text (SQLite: {@code true}) rather than
     * a JSON type (PostgreSQL {@code jsonb}: {@code false}). In Java both read as JSON text; in SQL it
     * means a JSON value on SQLite stays JSON only as a function's direct argument: pass a JSON column or a
     * subquery's JSON through {@link PortableSql#castToJson} where it is nested into other JSON.
     */
    boolean usesJsonStrings();

    /** The portable helpers as native SQL fragments. */
    PortableSql sql();

    /**
     * The portable helpers as Criteria expressions of {@code cb}, which must be this database's
     * (EclipseLink's) builder: {@code session.getCriteriaBuilder()}.
     *
     * @throws io.stratum.api.StratumException if {@code cb} is null or not EclipseLink's
     */
    PortableCriteria criteria(CriteriaBuilder cb);
}
