package io.stratum.queries.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * SQL written with named parameters ({@code :name}), turned into JDBC placeholders. A collection value
 * expands to one placeholder per element ({@code IN (:ids)}). PostgreSQL casts ({@code ::jsonb}) and
 * quoted text are left alone. Keeps the dialect SQL readable and the binding in one shared place.
 */
final class NamedSql {
    private NamedSql() {
    }

    /** JDBC SQL and the values for its placeholders, in order. */
    record Bound(String sql, List<Object> parameters) {
    }

    static Bound bind(String sql, Map<String, ?> values) {
        StringBuilder out = new StringBuilder(sql.length() + 32);
        List<Object> parameters = new ArrayList<>();
        int length = sql.length();
        int i = 0;
        while (i < length) {
            char c = sql.charAt(i);
            if (c == '\'') {
                int end = sql.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("Unterminated string literal in SQL: " + sql);
                }
                out.append(sql, i, end + 1);
                i = end + 1;
            } else if (c == ':' && i + 1 < length && Character.isLetter(sql.charAt(i + 1))
                    && (i == 0 || sql.charAt(i - 1) != ':')) {
                int end = i + 1;
                while (end < length && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
                    end++;
                }
                String name = sql.substring(i + 1, end);
                if (!values.containsKey(name)) {
                    throw new IllegalArgumentException("SQL parameter :" + name + " has no value: " + sql);
                }
                append(out, parameters, name, values.get(name));
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return new Bound(out.toString(), Collections.unmodifiableList(parameters));
    }

    private static void append(StringBuilder out, List<Object> parameters, String name, Object value) {
        if (value instanceof Collection<?>) {
            Collection<?> elements = (Collection<?>) value;
            if (elements.isEmpty()) {
                throw new IllegalArgumentException("SQL list parameter :" + name + " is empty");
            }
            boolean first = true;
            for (Object element : elements) {
                out.append(first ? "?" : ", ?");
                parameters.add(element);
                first = false;
            }
        } else {
            out.append('?');
            parameters.add(value);
        }
    }
}
