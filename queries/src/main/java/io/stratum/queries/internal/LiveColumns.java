package io.stratum.queries.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tables' columns as the database has them (JDBC metadata), for statements that bind a column's values
 * as one array of the column's own type: read once per table and interface (the schema is Stratum's).
 */
final class LiveColumns {
    /** A constant default as JDBC metadata shows it: {@code '{}'::jsonb}, {@code ('[]')}, {@code 0}, {@code false}. */
    private static final java.util.regex.Pattern QUOTED_DEFAULT =
            java.util.regex.Pattern.compile("'((?:[^']|'')*)'(?:::[a-z_ ]+)?");
    private static final java.util.regex.Pattern PLAIN_DEFAULT =
            java.util.regex.Pattern.compile("-?[0-9]+|true|false");

    private final Map<String, List<LiveColumn>> byTable = new ConcurrentHashMap<>();

    /**
     * A column as the database has it: its name (lower case), type name, whether it has a default, and
     * the text of that default when it is a constant ({@code null} otherwise).
     */
    record LiveColumn(String name, String typeName, boolean hasDefault, String constantDefault) {
    }

    static String constantDefault(String columnDefault) {
        if (columnDefault == null) {
            return null;
        }
        String text = columnDefault.trim();
        while (text.length() > 1 && text.startsWith("(") && text.endsWith(")")) {
            text = text.substring(1, text.length() - 1).trim();
        }
        java.util.regex.Matcher quoted = QUOTED_DEFAULT.matcher(text);
        if (quoted.matches()) {
            return quoted.group(1).replace("''", "'");
        }
        return PLAIN_DEFAULT.matcher(text).matches() ? text : null;
    }

    /** The table's columns, in the order of {@link EntityTable#columns()}. */
    List<LiveColumn> of(TransactionSql sql, EntityTable table) {
        String name = key(table.table());
        List<LiveColumn> cached = byTable.get(name);
        if (cached != null) {
            return cached;
        }
        Map<String, LiveColumn> columns = new HashMap<>();
        try {
            Connection connection = sql.connection();
            DatabaseMetaData metadata = connection.getMetaData();
            String schema = connection.getSchema();
            String escape = metadata.getSearchStringEscape();
            String schemaPattern = schema == null || escape == null ? schema
                    : schema.replace("_", escape + "_").replace("%", escape + "%");
            String tablePattern = escape == null ? name : name.replace("_", escape + "_");
            try (ResultSet rows = metadata.getColumns(null, schemaPattern, tablePattern, "%")) {
                while (rows.next()) {
                    if (name.equalsIgnoreCase(rows.getString("TABLE_NAME"))) {
                        String column = key(rows.getString("COLUMN_NAME"));
                        String columnDefault = rows.getString("COLUMN_DEF");
                        columns.put(column, new LiveColumn(column, rows.getString("TYPE_NAME"), columnDefault != null,
                                constantDefault(columnDefault)));
                    }
                }
            }
        } catch (SQLException e) {
            throw sql.failed("Reading the columns of " + name + " failed: " + e.getMessage());
        }
        List<LiveColumn> ordered = new ArrayList<>();
        for (EntityTable.Column column : table.columns()) {
            LiveColumn stored = columns.get(key(column.name()));
            if (stored == null) {
                throw sql.failed("Table " + table.table() + " has no column " + column.name() + ": the database is not "
                        + "at Stratum's schema revision. Run 'stratum database upgrade'.");
            }
            ordered.add(stored);
        }
        byTable.put(name, List.copyOf(ordered));
        return ordered;
    }

    private static String key(String name) {
        return name.replace("\"", "").toLowerCase(Locale.ROOT);
    }
}
