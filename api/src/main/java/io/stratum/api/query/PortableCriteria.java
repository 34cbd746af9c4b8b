package io.stratum.api.query;

import io.stratum.api.Api;
import jakarta.persistence.criteria.Expression;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The reference's portable SQL helpers as JPA Criteria expressions of the {@link
 * jakarta.persistence.criteria.CriteriaBuilder} they were made for ({@code db.queries().helpers().criteria(cb)}):
 * the same helpers, rules and answers as {@link PortableSql}, to select, filter and order by inside a
 * Criteria query. Arguments are expressions of that builder: paths ({@code run.get("startTime")}),
 * literals ({@code cb.literal(Duration.ofMinutes(5))}), subqueries, or other helpers' results.
 * Predicates are {@code Expression<Boolean>}s: pass them to {@code cb.isTrue} (SQLite answers 1/0).
 * A literal argument ({@code cb.literal(x)}) is bound typed as {@link PortableSql#value} binds it.
 */
@Api(Api.Status.EXPERIMENTAL)
public interface PortableCriteria {

    /** See {@link PortableSql#json}. */
    Expression<String> json(String jsonText);

    /** See {@link PortableSql#castToJson}. JSON reads back as its text on both databases. */
    Expression<String> castToJson(Expression<?> expression);

    /** See {@link PortableSql#buildJsonObject}. */
    Expression<String> buildJsonObject(Map<String, ? extends Expression<?>> members);

    /** See {@link PortableSql#jsonArrayAgg}. */
    Expression<String> jsonArrayAgg(Expression<?> value);

    /** See {@link PortableSql#dateAdd}. */
    Expression<Instant> dateAdd(Expression<Instant> timestamp, Expression<Duration> interval);

    /** See {@link PortableSql#intervalAdd}. */
    Expression<Duration> intervalAdd(Expression<Duration> interval, Expression<Duration> otherInterval);

    /** See {@link PortableSql#dateDiff}. */
    Expression<Duration> dateDiff(Expression<Instant> later, Expression<Instant> earlier);

    /** See {@link PortableSql#dateDiffSeconds(SqlFragment, SqlFragment)}. */
    Expression<Double> dateDiffSeconds(Expression<Instant> later, Expression<Instant> earlier);

    /** See {@link PortableSql#dateDiffSeconds(SqlFragment)}. */
    Expression<Double> dateDiffSeconds(Expression<Instant> timestamp);

    /** See {@link PortableSql#greatest}; the values share one type. */
    <T> Expression<T> greatest(List<? extends Expression<T>> values);

    /** See {@link PortableSql#least}; the values share one type. */
    <T> Expression<T> least(List<? extends Expression<T>> values);

    /** See {@link PortableSql#now}. */
    Expression<Instant> now();

    /** See {@link PortableSql#jsonContains}. */
    Expression<Boolean> jsonContains(Expression<?> container, Expression<?> contained);

    /** See {@link PortableSql#jsonHasAny}. */
    Expression<Boolean> jsonHasAny(Expression<?> json, Collection<String> keys);

    /** See {@link PortableSql#jsonHasAll}. */
    Expression<Boolean> jsonHasAll(Expression<?> json, Collection<String> keys);
}
