package io.stratum.dialect.postgres.internal;

import io.stratum.api.spi.BulkWriteSql;
import io.stratum.dialect.postgres.eclipselink.PostgresPlatform;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * A server: plain rows (logs, event resources) go in one {@code COPY … FROM STDIN} per call, the fastest
 * way into PostgreSQL (1.2× multi-row INSERTs, which were 1.4× a JDBC batch, in docs/benchmarks.md);
 * rows whose conflicts are skipped in multi-row INSERTs. The scheduler's insert is one statement per call
 * whatever its size: each column's values travel as one {@code text[]} array (a column whose rows all hold
 * the same value travels once), {@code unnest} turns them back into rows, and a data-modifying CTE inserts
 * the states of the runs it inserted. Its text depends only on the column lists, so the driver prepares it
 * once per connection and the server parses and plans it once, where a multi-row INSERT of 1,000 runs
 * carries some 20,000 bind parameters to parse on every call.
 */
public final class PostgresBulkWriteSql implements BulkWriteSql {
    /** Characters of COPY text sent per message: bounds the memory of a large call. */
    private static final int CHUNK = 256 * 1024;

    @Override
    public RowStatements rowStatements() {
        return RowStatements.COPY;
    }

    @Override
    public void copyRows(Connection connection, String table, String columns, int valuesPerRow, List<Object> rows)
            throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + table + " (" + columns + ") FROM STDIN");
        try {
            StringBuilder text = new StringBuilder(CHUNK + 4096);
            for (int row = 0; row < rows.size(); row += valuesPerRow) {
                for (int column = 0; column < valuesPerRow; column++) {
                    if (column > 0) {
                        text.append('\t');
                    }
                    CopyText.append(text, rows.get(row + column));
                }
                text.append('\n');
                if (text.length() >= CHUNK) {
                    send(copy, text);
                }
            }
            send(copy, text);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void send(CopyIn copy, StringBuilder text) throws SQLException {
        if (text.length() > 0) {
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            text.setLength(0);
        }
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
