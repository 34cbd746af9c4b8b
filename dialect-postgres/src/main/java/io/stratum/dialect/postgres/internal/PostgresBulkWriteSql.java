package io.stratum.dialect.postgres.internal;

import io.stratum.api.spi.BulkWriteSql;
import io.stratum.dialect.postgres.eclipselink.PostgresPlatform;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * A server: multi-row INSERTs save a round trip per row (1.5× a JDBC batch in docs/benchmarks.md). The
 * scheduler's insert is one statement per call whatever its size: each column's values travel as one
 * {@code text[]} array (a column whose rows all hold the same value travels once), {@code unnest} turns
 * them back into rows, and a data-modifying CTE inserts the states of the runs it inserted. Its text depends only on the column lists, so the driver prepares it
 * once per connection and the server parses and plans it once, where a multi-row INSERT of 1,000 runs
 * carries some 20,000 bind parameters to parse on every call.
 */
public final class PostgresBulkWriteSql implements BulkWriteSql {

    @Override
    public RowStatements rowStatements() {
        return RowStatements.MULTI_ROW;
    }

    @Override
    public Optional<String> scheduledRunInsert(List<TypedColumn> runColumns, List<TypedColumn> stateColumns) {
        return Optional.of("WITH new_runs AS (INSERT INTO flow_run (" + names(runColumns) + ") SELECT "
                + selected(runColumns, "u") + " FROM unnest(" + arrays(runColumns) + ") AS u(" + perRowNames(runColumns)
                + ") ON CONFLICT (flow_id, idempotency_key) DO NOTHING RETURNING id)"
                + " INSERT INTO flow_run_state (" + names(stateColumns) + ") SELECT " + selected(stateColumns, "s")
                + " FROM unnest(" + arrays(stateColumns) + ") AS s(" + perRowNames(stateColumns) + ")"
                + " JOIN new_runs r ON r.id = s.flow_run_id RETURNING flow_run_id");
    }

    @Override
    public void bindColumn(PreparedStatement statement, int index, TypedColumn column, List<?> values)
            throws SQLException {
        if (column.shared()) {
            statement.setString(index, text(values.get(0)));
            return;
        }
        String[] texts = new String[values.size()];
        for (int i = 0; i < texts.length; i++) {
            texts[i] = text(values.get(i));
        }
        statement.setArray(index, statement.getConnection().createArrayOf("text", texts));
    }

    /**
     * The text input form of a value of the column's type: ISO 8601 timestamps (UTC), the driver's interval
     * text, enum names, JSON text, UUIDs, true/false, numbers.
     */
    private static String text(Object value) throws SQLException {
        return value == null ? null
                : value instanceof Enum<?> ? ((Enum<?>) value).name()
                : String.valueOf(PostgresPlatform.toStorage(value));
    }

    /** Each column's value: a shared one as its parameter, the others from the unnested rows. */
    private static String selected(List<TypedColumn> columns, String rows) {
        StringJoiner selected = new StringJoiner(", ");
        columns.forEach(column -> selected.add(column.shared() ? "?::text::" + column.typeName()
                : rows + "." + column.sql()));
        return selected.toString();
    }

    private static String perRowNames(List<TypedColumn> columns) {
        StringJoiner names = new StringJoiner(", ");
        columns.stream().filter(column -> !column.shared()).forEach(column -> names.add(column.sql()));
        return names.toString();
    }

    private static String names(List<TypedColumn> columns) {
        StringJoiner names = new StringJoiner(", ");
        columns.forEach(column -> names.add(column.sql()));
        return names.toString();
    }

    /** {@code ?::text[]::uuid[], …}: text arrays cast to arrays of each column's type (per-row columns only). */
    private static String arrays(List<TypedColumn> columns) {
        StringJoiner arrays = new StringJoiner(", ");
        columns.stream().filter(column -> !column.shared())
                .forEach(column -> arrays.add("?::text[]::" + column.typeName() + "[]"));
        return arrays.toString();
    }
}
