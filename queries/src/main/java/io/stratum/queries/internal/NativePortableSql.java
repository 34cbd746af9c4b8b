package io.stratum.queries.internal;

import io.stratum.api.query.PortableSql;
import io.stratum.api.query.SqlFragment;
import io.stratum.api.spi.QueryHelperSql;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The portable helpers as native SQL: the dialect's templates filled with the arguments' SQL, their values in slot order. */
final class NativePortableSql implements PortableSql {
    private final QueryHelperSql sql;

    NativePortableSql(QueryHelperSql sql) {
        this.sql = sql;
    }

    private static SqlFragment apply(String template, List<SqlFragment> arguments) {
        SqlTemplate parsed = SqlTemplate.parse(template, arguments.size());
        List<Object> parameters = new ArrayList<>();
        String text = parsed.render(slot -> {
            SqlFragment argument = arguments.get(slot);
            parameters.addAll(argument.parameters());
            return "(" + argument.sql() + ")";
        });
        return new SqlFragment(text, parameters);
    }

    @Override
    public SqlFragment value(Object value) {
        return SqlFragment.of(sql.parameter(value), value);
    }

    @Override
    public SqlFragment json(String jsonText) {
        return castToJson(value(PortableArguments.jsonText(jsonText)));
    }

    @Override
    public SqlFragment castToJson(SqlFragment expression) {
        return apply(sql.castToJson(), List.of(PortableArguments.required("castToJson", "an expression", expression)));
    }

    @Override
    public SqlFragment buildJsonObject(Map<String, SqlFragment> members) {
        PortableArguments.members(members);
        List<SqlFragment> arguments = new ArrayList<>();
        members.forEach((key, value) -> {
            arguments.add(value(key));
            arguments.add(value);
        });
        return apply(sql.buildJsonObject(members.size()), arguments);
    }

    @Override
    public SqlFragment jsonArrayAgg(SqlFragment value) {
        return apply(sql.jsonArrayAgg(), List.of(PortableArguments.required("jsonArrayAgg", "a value", value)));
    }

    @Override
    public SqlFragment dateAdd(SqlFragment timestamp, SqlFragment interval) {
        return apply(sql.dateAdd(), List.of(PortableArguments.required("dateAdd", "a timestamp", timestamp),
                PortableArguments.required("dateAdd", "an interval", interval)));
    }

    @Override
    public SqlFragment intervalAdd(SqlFragment interval, SqlFragment otherInterval) {
        return apply(sql.intervalAdd(), List.of(PortableArguments.required("intervalAdd", "an interval", interval),
                PortableArguments.required("intervalAdd", "a second interval", otherInterval)));
    }

    @Override
    public SqlFragment dateDiff(SqlFragment later, SqlFragment earlier) {
        return apply(sql.dateDiff(), List.of(PortableArguments.required("dateDiff", "the later timestamp", later),
                PortableArguments.required("dateDiff", "the earlier timestamp", earlier)));
    }

    @Override
    public SqlFragment dateDiffSeconds(SqlFragment later, SqlFragment earlier) {
        return apply(sql.dateDiffSeconds(), List.of(PortableArguments.required("dateDiffSeconds", "the later timestamp", later),
                PortableArguments.required("dateDiffSeconds", "the earlier timestamp", earlier)));
    }

    @Override
    public SqlFragment dateDiffSeconds(SqlFragment timestamp) {
        return dateDiffSeconds(now(), PortableArguments.required("dateDiffSeconds", "a timestamp", timestamp));
    }

    @Override
    public SqlFragment greatest(SqlFragment... values) {
        List<SqlFragment> checked = PortableArguments.values("greatest", values == null ? null : Arrays.asList(values));
        return apply(sql.greatest(checked.size()), checked);
    }

    @Override
    public SqlFragment least(SqlFragment... values) {
        List<SqlFragment> checked = PortableArguments.values("least", values == null ? null : Arrays.asList(values));
        return apply(sql.least(checked.size()), checked);
    }

    @Override
    public SqlFragment now() {
        return apply(sql.now(), List.of());
    }

    @Override
    public SqlFragment jsonContains(SqlFragment container, SqlFragment contained) {
        return apply(sql.jsonContainsJson(io.stratum.api.query.QueryHelpers.MAX_JSON_DEPTH),
                List.of(PortableArguments.required("jsonContains", "the containing JSON", container),
                        PortableArguments.required("jsonContains", "the contained JSON", contained)));
    }

    @Override
    public SqlFragment jsonHasAny(SqlFragment json, Collection<String> keys) {
        List<String> distinct = PortableArguments.keys("jsonHasAny", keys);
        PortableArguments.required("jsonHasAny", "a JSON expression", json);
        return distinct.isEmpty() ? SqlFragment.of("(1 = 0)") : apply(sql.jsonHasAnyKey(distinct.size()), withKeys(json, distinct));
    }

    @Override
    public SqlFragment jsonHasAll(SqlFragment json, Collection<String> keys) {
        List<String> distinct = PortableArguments.keys("jsonHasAll", keys);
        PortableArguments.required("jsonHasAll", "a JSON expression", json);
        return distinct.isEmpty() ? new SqlFragment("((" + json.sql() + ") IS NOT NULL)", json.parameters())
                : apply(sql.jsonHasAllKeys(distinct.size()), withKeys(json, distinct));
    }

    private List<SqlFragment> withKeys(SqlFragment json, List<String> keys) {
        List<SqlFragment> arguments = new ArrayList<>(keys.size() + 1);
        arguments.add(json);
        keys.forEach(key -> arguments.add(value(key)));
        return arguments;
    }
}
