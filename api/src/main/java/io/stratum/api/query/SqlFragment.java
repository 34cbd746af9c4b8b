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
 * placeholders take ({@link #bindTo(Query, int)} does that for a JPA native query).
 */
@Api(Api.Status.EXPERIMENTAL)
public record SqlFragment(String sql, List<Object> parameters) {

    public SqlFragment {
        Objects.requireNonNull(sql, "sql");
        // Values may be null (SQL NULL), which List.copyOf refuses.
        parameters = parameters == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(parameters));
        long placeholders = sql.chars().filter(c -> c == '?').count();
        if (placeholders != parameters.size()) {
            throw new IllegalArgumentException("SQL fragment has " + placeholders + " placeholders but "
                    + parameters.size() + " values: " + sql);
        }
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
