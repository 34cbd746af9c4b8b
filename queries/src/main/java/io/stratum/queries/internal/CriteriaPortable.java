package io.stratum.queries.internal;

import io.stratum.api.query.PortableCriteria;
import io.stratum.api.query.QueryHelpers;
import io.stratum.api.spi.QueryHelperSql;
import jakarta.persistence.criteria.Expression;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.eclipse.persistence.expressions.ExpressionBuilder;
import org.eclipse.persistence.expressions.ExpressionOperator;
import org.eclipse.persistence.internal.expressions.ConstantExpression;
import org.eclipse.persistence.internal.expressions.FunctionExpression;
import org.eclipse.persistence.jpa.JpaCriteriaBuilder;

/**
 * The portable helpers as Criteria expressions: the dialect's templates become EclipseLink function
 * operators printing the template around the arguments (what EclipseLink's own {@code Expression.sql}
 * does, but split at the template's slots, so PostgreSQL's escaped {@code ??|} stays operator text).
 */
final class CriteriaPortable implements PortableCriteria {
    private final JpaCriteriaBuilder cb;
    private final QueryHelperSql sql;

    CriteriaPortable(JpaCriteriaBuilder cb, QueryHelperSql sql) {
        this.cb = cb;
        this.sql = sql;
    }

    private <T> Expression<T> apply(String template, List<? extends Expression<?>> arguments, Class<T> type) {
        return apply(template, arguments, type, true);
    }

    private <T> Expression<T> apply(String template, List<? extends Expression<?>> arguments, Class<T> type,
                                    boolean typeLiterals) {
        SqlTemplate parsed = SqlTemplate.parse(template, arguments.size());
        if (parsed.slots().isEmpty()) {
            return cb.fromExpression(new ExpressionBuilder().literal(parsed.parts().get(0)), type);
        }
        List<org.eclipse.persistence.expressions.Expression> children = new ArrayList<>();
        for (int slot : parsed.slots()) {
            children.add(typeLiterals ? eclipseLink(arguments.get(slot)) : cb.toExpression(arguments.get(slot)));
        }
        ExpressionOperator operator = new ExpressionOperator();
        operator.setType(ExpressionOperator.FunctionOperator);
        operator.printsAs(new ArrayList<>(parsed.parts()));
        operator.bePrefix();
        operator.setNodeClass(FunctionExpression.class);
        return cb.fromExpression(operator.expressionForArguments(children.get(0), children.subList(1, children.size())), type);
    }

    /**
     * EclipseLink's expression behind a Criteria one. {@code toExpression} refuses a subquery, so a
     * subquery goes in as a function without a name, which EclipseLink prints as the parenthesised subquery.
     */
    private org.eclipse.persistence.expressions.Expression eclipseLink(Expression<?> expression) {
        if (expression instanceof jakarta.persistence.criteria.Subquery<?>) {
            return cb.toExpression(cb.function("", expression.getJavaType(), expression));
        }
        org.eclipse.persistence.expressions.Expression converted = cb.toExpression(expression);
        if (converted instanceof ConstantExpression) {
            // A literal is a bound value: typed as the native form types it (PostgreSQL infers nothing from ? + ?).
            String typed = sql.parameter(((ConstantExpression) converted).getValue());
            if (!typed.equals("?")) {
                return cb.toExpression(apply(typed.replace("?", "{0}"), List.of(expression), expression.getJavaType(), false));
            }
        }
        return converted;
    }

    @Override
    public Expression<String> json(String jsonText) {
        return castToJson(cb.literal(PortableArguments.jsonText(jsonText)));
    }

    @Override
    public Expression<String> castToJson(Expression<?> expression) {
        return apply(sql.castToJson(), List.of(PortableArguments.required("castToJson", "an expression", expression)), String.class);
    }

    @Override
    public Expression<String> buildJsonObject(Map<String, ? extends Expression<?>> members) {
        PortableArguments.members(members);
        List<Expression<?>> arguments = new ArrayList<>();
        members.forEach((key, value) -> {
            arguments.add(cb.literal(key));
            arguments.add(value);
        });
        return apply(sql.buildJsonObject(members.size()), arguments, String.class);
    }

    @Override
    public Expression<String> jsonArrayAgg(Expression<?> value) {
        return apply(sql.jsonArrayAgg(), List.of(PortableArguments.required("jsonArrayAgg", "a value", value)), String.class);
    }

    @Override
    public Expression<Instant> dateAdd(Expression<Instant> timestamp, Expression<Duration> interval) {
        return apply(sql.dateAdd(), List.of(PortableArguments.required("dateAdd", "a timestamp", timestamp),
                PortableArguments.required("dateAdd", "an interval", interval)), Instant.class);
    }

    @Override
    public Expression<Duration> intervalAdd(Expression<Duration> interval, Expression<Duration> otherInterval) {
        return apply(sql.intervalAdd(), List.of(PortableArguments.required("intervalAdd", "an interval", interval),
                PortableArguments.required("intervalAdd", "a second interval", otherInterval)), Duration.class);
    }

    @Override
    public Expression<Duration> dateDiff(Expression<Instant> later, Expression<Instant> earlier) {
        return apply(sql.dateDiff(), List.of(PortableArguments.required("dateDiff", "the later timestamp", later),
                PortableArguments.required("dateDiff", "the earlier timestamp", earlier)), Duration.class);
    }

    @Override
    public Expression<Double> dateDiffSeconds(Expression<Instant> later, Expression<Instant> earlier) {
        return apply(sql.dateDiffSeconds(), List.of(PortableArguments.required("dateDiffSeconds", "the later timestamp", later),
                PortableArguments.required("dateDiffSeconds", "the earlier timestamp", earlier)), Double.class);
    }

    @Override
    public Expression<Double> dateDiffSeconds(Expression<Instant> timestamp) {
        return dateDiffSeconds(now(), PortableArguments.required("dateDiffSeconds", "a timestamp", timestamp));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Expression<T> greatest(List<? extends Expression<T>> values) {
        PortableArguments.values("greatest", values);
        return (Expression<T>) apply(sql.greatest(values.size()), values, values.get(0).getJavaType());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Expression<T> least(List<? extends Expression<T>> values) {
        PortableArguments.values("least", values);
        return (Expression<T>) apply(sql.least(values.size()), values, values.get(0).getJavaType());
    }

    @Override
    public Expression<Instant> now() {
        return apply(sql.now(), List.of(), Instant.class);
    }

    @Override
    public Expression<Boolean> jsonContains(Expression<?> container, Expression<?> contained) {
        return apply(sql.jsonContainsJson(QueryHelpers.MAX_JSON_DEPTH),
                List.of(PortableArguments.required("jsonContains", "the containing JSON", container),
                        PortableArguments.required("jsonContains", "the contained JSON", contained)), Boolean.class);
    }

    @Override
    public Expression<Boolean> jsonHasAny(Expression<?> json, Collection<String> keys) {
        List<String> distinct = PortableArguments.keys("jsonHasAny", keys);
        PortableArguments.required("jsonHasAny", "a JSON expression", json);
        return distinct.isEmpty() ? cb.disjunction() : apply(sql.jsonHasAnyKey(distinct.size()), withKeys(json, distinct), Boolean.class);
    }

    @Override
    public Expression<Boolean> jsonHasAll(Expression<?> json, Collection<String> keys) {
        List<String> distinct = PortableArguments.keys("jsonHasAll", keys);
        PortableArguments.required("jsonHasAll", "a JSON expression", json);
        return distinct.isEmpty() ? cb.isNotNull(json) : apply(sql.jsonHasAllKeys(distinct.size()), withKeys(json, distinct), Boolean.class);
    }

    private List<Expression<?>> withKeys(Expression<?> json, List<String> keys) {
        List<Expression<?>> arguments = new ArrayList<>(keys.size() + 1);
        arguments.add(json);
        keys.forEach(key -> arguments.add(cb.literal(key)));
        return arguments;
    }
}
