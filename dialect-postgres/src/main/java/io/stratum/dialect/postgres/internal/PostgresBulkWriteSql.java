package io.stratum.dialect.postgres.internal;

import io.stratum.api.spi.BulkWriteSql;
import io.stratum.dialect.postgres.eclipselink.PostgresPlatform;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.util.PGobject;

/**
 * A server: plain rows (logs, event resources) go in one {@code COPY … FROM STDIN} per call, the fastest
 * way into PostgreSQL (1.2× multi-row INSERTs, which were 1.4× a JDBC batch, in docs/benchmarks.md);
 * rows whose conflicts are skipped in multi-row INSERTs. The scheduler's insert is one statement per call
 * whatever its size: each column's values travel as one array of the column's type (a column whose rows
 * all hold the same value travels once), {@code unnest} turns them back into rows, and a data-modifying CTE inserts
 * the states of the runs it inserted; a column repeating another's values in every row reads them from
 * that one's array. Its text depends only on the column lists, so the driver prepares it
 * once per connection and the server parses and plans it once, where a multi-row INSERT of 1,000 runs
 * carries some 20,000 bind parameters to parse on every call.
 */
public final class PostgresBulkWriteSql implements BulkWriteSql {
    /** Characters of COPY text sent per message: bounds the memory of a large call. */
    private static final int CHUNK = 256 * 1024;
    /**
     * Types the driver sends arrays of under their own name ({@code createArrayOf}): each element in the
     * type's text form, booleans in binary.
     */
    private static final Set<String> ARRAY_TYPES = Set.of("uuid", "timestamptz", "timestamp", "varchar", "text",
            "jsonb", "json", "bool", "interval", "float8", "numeric");
    /** Statement texts by column lists: a scheduler's calls have a few shapes, each built once. */
    private static final int MAX_SHAPES = 64;

    private final Map<List<List<TypedColumn>>, String> statements = new ConcurrentHashMap<>();

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
        List<List<TypedColumn>> shape = List.of(runColumns, stateColumns);
        String cached = statements.get(shape);
        if (cached == null) {
            if (statements.size() >= MAX_SHAPES) {
                statements.clear();
            }
            cached = "WITH new_runs AS (INSERT INTO flow_run (" + names(runColumns) + ") SELECT "
                    + selected(runColumns, "u") + " FROM unnest(" + arrays(runColumns) + ") AS u(" + perRowNames(runColumns)
                    + ") ON CONFLICT (flow_id, idempotency_key) DO NOTHING RETURNING id)"
                    + " INSERT INTO flow_run_state (" + names(stateColumns) + ") SELECT " + selected(stateColumns, "s")
                    + " FROM unnest(" + arrays(stateColumns) + ") AS s(" + perRowNames(stateColumns) + ")"
                    + " JOIN new_runs r ON r.id = s.flow_run_id RETURNING flow_run_id";
            statements.put(shape, cached);
        }
        return Optional.of(cached);
    }

    @Override
    public void bindColumn(PreparedStatement statement, int index, TypedColumn column, List<?> values)
            throws SQLException {
        if (column.shared()) {
            if (ARRAY_TYPES.contains(column.typeName())) {
                // Sent untyped: the server takes the parameter's type from its cast and reads the text once,
                // at bind time (see selected()).
                statement.setObject(index, text(values.get(0)), Types.OTHER);
            } else {
                statement.setString(index, text(values.get(0)));
            }
            return;
        }
        String type = column.typeName();
        if (type.equals("bool")) {
            statement.setArray(index, statement.getConnection().createArrayOf(type, values.toArray(new Boolean[0])));
        } else if (type.equals("int4") || type.equals("int8") || type.equals("int2")) {
            Long[] numbers = new Long[values.size()];
            for (int i = 0; i < numbers.length; i++) {
                Object value = values.get(i);
                numbers[i] = value == null ? null : ((Number) value).longValue();
            }
            statement.setArray(index, statement.getConnection().createArrayOf("int8", numbers));
        } else {
            PGobject array = new PGobject();
            array.setType("_" + (ARRAY_TYPES.contains(type) ? type : "text"));
            array.setValue(arrayLiteral(values));
            statement.setObject(index, array);
        }
    }

    /**
     * {@code {e1,e2,…}} in the array input syntax, written in one pass: ids, instants and numbers as they
     * are (they hold no character the syntax reserves), other texts quoted. The driver's
     * {@code createArrayOf} made a text per value, then escaped and copied each again, the larger part of
     * binding a thousand runs.
     */
    static String arrayLiteral(List<?> values) throws SQLException {
        StringBuilder literal = new StringBuilder(values.size() * 40 + 2).append('{');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                literal.append(',');
            }
            Object value = values.get(i);
            if (value == null) {
                literal.append("NULL");
            } else if (value instanceof Instant instant) {
                UtcText.append(literal, instant);
            } else if (value instanceof UUID || value instanceof Long || value instanceof Integer) {
                literal.append(value);
            } else {
                quoted(literal, text(value));
            }
        }
        return literal.append('}').toString();
    }

    /**
     * The text in double quotes, each quote and backslash escaped; the runs between them found by
     * {@code indexOf} (vectorised by the JVM) and copied whole. A character-by-character scan of each
     * run's {@code state_details} (18 keys, 38 quotes) was a fifth of the scheduler insert's
     * Java work (JFR, benchmark 7).
     */
    private static void quoted(StringBuilder literal, String value) {
        literal.append('"');
        int quote = value.indexOf('"');
        int backslash = value.indexOf('\\');
        int from = 0;
        while (quote >= 0 || backslash >= 0) {
            int at = quote < 0 ? backslash : backslash < 0 ? quote : Math.min(quote, backslash);
            literal.append(value, from, at).append('\\').append(value.charAt(at));
            from = at + 1;
            if (at == quote) {
                quote = value.indexOf('"', from);
            } else {
                backslash = value.indexOf('\\', from);
            }
        }
        literal.append(value, from, value.length()).append('"');
    }

    /**
     * The text input form of a value of the column's type: ISO 8601 timestamps (UTC), the driver's interval
     * text, enum names, JSON text, UUIDs, true/false, numbers.
     */
    private static String text(Object value) throws SQLException {
        return value == null ? null
                : value instanceof String ? (String) value
                : value instanceof Instant ? UtcText.of((Instant) value)
                : value instanceof Enum<?> ? ((Enum<?>) value).name()
                : String.valueOf(PostgresPlatform.toStorage(value));
    }

    /**
     * Each column's value: a shared one as its parameter, the others from the unnested rows. A shared
     * value of a built-in type is a parameter of that type, read once when bound: in the generic plan
     * the server keeps for the statement, a cast of a text parameter ({@code ?::text::jsonb}) ran once
     * per row (some 3.7 µs per row for a jsonb policy of 150 characters, against 0.2 µs for a jsonb
     * parameter, psql on this machine), and a run carries a dozen shared values. Other types (enums) keep
     * the cast from text, which names the type without the driver looking its OID up.
     */
    private static String selected(List<TypedColumn> columns, String rows) {
        StringJoiner selected = new StringJoiner(", ");
        columns.forEach(column -> selected.add(column.shared() ? sharedParameter(column)
                : rows + "." + (column.sameAs() == null ? column.sql() : column.sameAs())));
        return selected.toString();
    }

    /** A shared column's one value as the parameter {@link #bindColumn} binds (see {@link #selected}). */
    static String sharedParameter(TypedColumn column) {
        return (ARRAY_TYPES.contains(column.typeName()) ? "?::" : "?::text::") + column.typeName();
    }

    private static String perRowNames(List<TypedColumn> columns) {
        StringJoiner names = new StringJoiner(", ");
        columns.stream().filter(TypedColumn::perRow).forEach(column -> names.add(column.sql()));
        return names.toString();
    }

    private static String names(List<TypedColumn> columns) {
        StringJoiner names = new StringJoiner(", ");
        columns.forEach(column -> names.add(column.sql()));
        return names.toString();
    }

    /**
     * {@code ?::uuid[], ?::timestamptz[], …}: each per-row column's values as an array of its own type
     * (the server reads each element once; a {@code text[]} cast to the type read it twice), other types
     * (enums) as {@code text[]} cast to theirs. Integers travel as {@code int8[]} in binary.
     */
    private static String arrays(List<TypedColumn> columns) {
        StringJoiner arrays = new StringJoiner(", ");
        columns.stream().filter(TypedColumn::perRow).forEach(column -> arrays.add(arrayParameter(column)));
        return arrays.toString();
    }

    /**
     * A generic plan, made without sequential scans or nested loops, kept by the server-side prepared
     * statement. Planned per call (the driver's unnamed statement, as before) a batch of 100 transitions
     * spent about 1.5 ms planning, and a kept plan about 0.3 ms (EXPLAIN, 500,000 states, 7 Dec 2026). The
     * plan the server would keep by its own choice depends on the tables' sizes of that moment: made while
     * a run's states were few, it hashed or scanned the whole state table once per batch, and kept doing
     * so as the table grew (one lifecycle benchmark mode ran at a third of its floor). Without sequential
     * scans, the plan made on an empty table reads the runs by primary key and the states by their (run,
     * timestamp) key, as the one made on a full table. Without nested loops, the batch's rows are joined
     * by hashing: a generic plan expects ten rows of an array parameter, and nested loops over the
     * batch's hundred compared every row with every other (executing it took longer than planning it
     * had: 15–20 ms a batch against 20–30 ms planned per call and 17–25 ms with nested loops, on that
     * table). The settings hold from {@code before} to {@code after} only: neither the caller's later
     * statements nor other foreign-key checks see them (the checks this statement fires, planned under
     * them, read the referenced key either way). Not a custom plan forced per call: that mode holds for
     * the foreign-key checks too, whose kept plans it replans for every row (bulk transitions fell from
     * 0.72× to 0.42× of their floor, 7 Dec 2026).
     */
    private static final List<Map.Entry<String, String>> KEPT_PLAN_SETTINGS = List.of(
            Map.entry("plan_cache_mode", "force_generic_plan"), Map.entry("enable_seqscan", "off"),
            Map.entry("enable_nestloop", "off"));
    private static final KeptPlan KEPT_PLAN = settingsAroundKeptPlan();

    /**
     * Sets {@link #KEPT_PLAN_SETTINGS} for the transaction after saving the values they replace in one
     * setting of Stratum's own (none of them holds a comma), and sets those values back from it.
     */
    private static KeptPlan settingsAroundKeptPlan() {
        String saved = "'stratum.settings_before_kept_plan'";
        StringJoiner previous = new StringJoiner(" || ',' || ");
        StringJoiner before = new StringJoiner(", ", "SELECT ", "");
        StringJoiner after = new StringJoiner(", ", "SELECT ", "");
        for (int i = 0; i < KEPT_PLAN_SETTINGS.size(); i++) {
            String name = KEPT_PLAN_SETTINGS.get(i).getKey();
            previous.add("current_setting('" + name + "')");
            after.add("set_config('" + name + "', split_part(current_setting(" + saved + "), ',', " + (i + 1) + "), true)");
        }
        before.add("set_config(" + saved + ", " + previous + ", true)");
        KEPT_PLAN_SETTINGS.forEach(setting -> before.add("set_config('" + setting.getKey() + "', '" + setting.getValue()
                + "', true)"));
        return new KeptPlan(before.toString(), after.toString());
    }

    @Override
    public Optional<KeptPlan> keptPlan() {
        return Optional.of(KEPT_PLAN);
    }

    /** One column's values as the array {@link #bindColumn} binds, read as an array of the column's type. */
    static String arrayParameter(TypedColumn column) {
        return ARRAY_TYPES.contains(column.typeName()) ? "?::" + column.typeName() + "[]"
                : column.typeName().startsWith("int") ? "?::int8[]::" + column.typeName() + "[]"
                : "?::text[]::" + column.typeName() + "[]";
    }
}
