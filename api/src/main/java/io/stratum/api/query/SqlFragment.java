package io.stratum.api.query;

import io.stratum.api.Api;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A piece of native SQL with JDBC-style {@code ?} placeholders and the values to bind to them, in
 * order. Embed {@link #sql()} in a native query and bind {@link #parameters()} at the positions its
 * placeholders take ({@link #bindTo(Query, int)} does that for a JPA native query, whose dialect
 * converts UUIDs, timestamps and intervals to the database's storage form). A doubled {@code ??} is not a
 * placeholder: it is how PostgreSQL's driver escapes a {@code ?} of an operator ({@code ??|} is
 * {@code ?|}), as the PostgreSQL JSON predicates use it.
 */
@Api(Api.Status.EXPERIMENTAL)
public record SqlFragment(String sql, List<Object> parameters) {

    public SqlFragment {
        Objects.requireNonNull(sql, "sql");
        // Values may be null (SQL NULL), which List.copyOf refuses.
        parameters = parameters == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(parameters));
        int placeholders = placeholders(sql);
        if (placeholders != parameters.size()) {
            throw new IllegalArgumentException("SQL fragment has " + placeholders + " placeholders but "
                    + parameters.size() + " values: " + sql);
        }
    }

    /** The {@code ?} placeholders of the SQL; a doubled {@code ??} (an escaped operator character) is none. */
    static int placeholders(String sql) {
        int count = 0;
        for (int i = 0; i < sql.length(); i++) {
            if (sql.charAt(i) == '?') {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == '?') {
                    i++;
                } else {
                    count++;
                }
            }
        }
        return count;
    }

    public static SqlFragment of(String sql, Object... parameters) {
        return new SqlFragment(sql, java.util.Arrays.asList(parameters));
    }

    /**
     * Binds the values to a native query whose placeholders for this fragment start at
     * {@code firstPosition} (1-based). Returns the position after the last one bound.
     */
    public int bindTo(Query query, int firstPosition) {
        int position = firstPosition;
        for (Object value : parameters) {
            query.setParameter(position++, value);
        }
        return position;
    }
}
