package io.stratum.it;

import io.stratum.migrations.Bookkeeping;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A normalised dump of the application's part of a database catalogue, for comparing schemas: per
 * table its columns in order (type, nullability, default), indexes (columns, uniqueness, predicate),
 * constraints (foreign keys with their actions, checks), plus enum types, views, triggers and
 * functions. The migration bookkeeping tables and objects owned by extensions are left out.
 */
record SchemaSnapshot(Map<String, List<String>> tables, List<String> others) {

    static final Set<String> BOOKKEEPING = Set.of(Bookkeeping.HISTORY_TABLE, Bookkeeping.LOCK_TABLE);

    static SchemaSnapshot of(TestDatabase database) throws SQLException {
        try (Connection connection = database.connect()) {
            return Dialects.POSTGRESQL.equals(database.dialect()) ? postgres(connection) : sqlite(connection);
        }
    }

    /** Column names of each table, in order. */
    Map<String, List<String>> columns() {
        Map<String, List<String>> columns = new TreeMap<>();
        tables.forEach((table, lines) -> columns.put(table, lines.stream().filter(l -> l.startsWith("column "))
                .map(l -> l.substring("column ".length()).split(" ", 2)[0]).toList()));
        return columns;
    }

    /** One line per object, for readable assertion failures. */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        tables.forEach((table, details) -> details.forEach(d -> lines.add(table + ": " + d)));
        lines.addAll(others);
        return lines;
    }

    private static SchemaSnapshot postgres(Connection connection) throws SQLException {
        Map<String, List<String>> tables = new TreeMap<>();
        String notExtension = " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = %s AND d.deptype = 'e')";
        for (String table : strings(connection, "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')" + String.format(notExtension, "c.oid"))) {
            if (BOOKKEEPING.contains(table)) {
                continue;
            }
            List<String> details = new ArrayList<>();
            try (PreparedStatement columns = connection.prepareStatement("SELECT a.attname, format_type(a.atttypid, a.atttypmod), "
                    + "a.attnotnull, pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated FROM pg_attribute a "
                    + "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = "
                    + "(quote_ident(current_schema()) || '.' || quote_ident(?))::regclass AND a.attnum > 0 AND NOT a.attisdropped "
                    + "ORDER BY a.attnum")) {
                columns.setString(1, table);
                try (ResultSet rows = columns.executeQuery()) {
                    while (rows.next()) {
                        details.add("column " + rows.getString(1) + " " + rows.getString(2) + (rows.getBoolean(3) ? " NOT NULL" : "")
                                + (rows.getString(4) == null ? "" : " DEFAULT " + rows.getString(4))
                                + (rows.getString(5).isEmpty() ? "" : " IDENTITY " + rows.getString(5))
                                + (rows.getString(6).isEmpty() ? "" : " GENERATED " + rows.getString(6)));
                    }
                }
            }
            List<String> sorted = new ArrayList<>();
            try (PreparedStatement indexes = connection.prepareStatement("SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i "
                    + "WHERE i.indrelid = (quote_ident(current_schema()) || '.' || quote_ident(?))::regclass")) {
                indexes.setString(1, table);
                try (ResultSet rows = indexes.executeQuery()) {
                    while (rows.next()) {
                        sorted.add("index " + rows.getString(1).replace(" " + schema(connection) + ".", " "));
                    }
                }
            }
            try (PreparedStatement constraints = connection.prepareStatement("SELECT c.conname, c.contype, "
                    + "pg_get_constraintdef(c.oid) FROM pg_constraint c WHERE c.conrelid = "
                    + "(quote_ident(current_schema()) || '.' || quote_ident(?))::regclass")) {
                constraints.setString(1, table);
                try (ResultSet rows = constraints.executeQuery()) {
                    while (rows.next()) {
                        sorted.add("constraint " + rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3));
                    }
                }
            }
            try (PreparedStatement triggers = connection.prepareStatement("SELECT pg_get_triggerdef(t.oid) FROM pg_trigger t "
                    + "WHERE NOT t.tgisinternal AND t.tgrelid = (quote_ident(current_schema()) || '.' || quote_ident(?))::regclass")) {
                triggers.setString(1, table);
                try (ResultSet rows = triggers.executeQuery()) {
                    while (rows.next()) {
                        sorted.add("trigger " + rows.getString(1));
                    }
                }
            }
            sorted.sort(null);
            details.addAll(sorted);
            tables.put(table, details);
        }
        List<String> others = new ArrayList<>();
        for (String type : strings(connection, "SELECT t.typname || ' (' || string_agg(e.enumlabel, ', ' ORDER BY e.enumsortorder) "
                + "|| ')' FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid "
                + "WHERE n.nspname = current_schema()" + String.format(notExtension, "t.oid") + " GROUP BY t.typname")) {
            others.add("enum " + type);
        }
        for (String view : strings(connection, "SELECT c.relname || ' ' || c.relkind::text || ' ' || pg_get_viewdef(c.oid) FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind IN ('v', 'm')"
                + String.format(notExtension, "c.oid"))) {
            others.add("view " + view);
        }
        for (String sequence : strings(connection, "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = current_schema() AND c.relkind = 'S'" + String.format(notExtension, "c.oid"))) {
            others.add("sequence " + sequence);
        }
        for (String function : strings(connection, "SELECT p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' "
                + "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = current_schema()"
                + String.format(notExtension, "p.oid"))) {
            others.add("function " + function);
        }
        others.sort(null);
        return new SchemaSnapshot(tables, others);
    }

    private static String schema(Connection connection) throws SQLException {
        return strings(connection, "SELECT current_schema()").get(0);
    }

    private static SchemaSnapshot sqlite(Connection connection) throws SQLException {
        Map<String, List<String>> tables = new TreeMap<>();
        List<String> others = new ArrayList<>();
        Map<String, String> tableSql = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT type, name, tbl_name, sql FROM sqlite_master "
                     + "WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")) {
            while (rows.next()) {
                String type = rows.getString(1);
                String name = rows.getString(2);
                if (BOOKKEEPING.contains(rows.getString(3))) {
                    continue;
                }
                if (type.equals("table")) {
                    tableSql.put(name, rows.getString(4));
                } else if (type.equals("view") || type.equals("trigger")) {
                    others.add(type + " " + name + " " + normalise(rows.getString(4)));
                }
            }
        }
        for (Map.Entry<String, String> entry : tableSql.entrySet()) {
            String table = entry.getKey();
            List<String> details = new ArrayList<>();
            for (List<String> column : pragma(connection, "table_xinfo", table)) {
                // cid, name, type, notnull, dflt_value, pk, hidden
                details.add("column " + column.get(1) + " " + column.get(2).toUpperCase(Locale.ROOT)
                        + ("1".equals(column.get(3)) ? " NOT NULL" : "") + (column.get(4) == null ? "" : " DEFAULT " + column.get(4))
                        + (!"0".equals(column.get(5)) ? " PK " + column.get(5) : "") + (!"0".equals(column.get(6)) ? " HIDDEN " + column.get(6) : ""));
            }
            List<String> sorted = new ArrayList<>();
            for (List<String> index : pragma(connection, "index_list", table)) {
                // seq, name, unique, origin, partial
                String name = index.get(1);
                List<String> keys = new ArrayList<>();
                for (List<String> key : pragma(connection, "index_xinfo", name)) {
                    // seqno, cid, name, desc, coll, key
                    if ("1".equals(key.get(5))) {
                        keys.add((key.get(2) == null ? "<expression " + key.get(1) + ">" : key.get(2))
                                + ("1".equals(key.get(3)) ? " DESC" : "") + " COLLATE " + key.get(4));
                    }
                }
                List<String> sqls = strings(connection, "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = '"
                        + name.replace("'", "''") + "'");
                String sql = sqls.isEmpty() ? null : sqls.get(0);
                sorted.add("index " + (index.get(3).equals("pk") || name.startsWith("sqlite_autoindex") ? "<" + index.get(3) + ">" : name)
                        + ("1".equals(index.get(2)) ? " UNIQUE" : "") + " (" + String.join(", ", keys) + ")"
                        + ("1".equals(index.get(4)) ? " PARTIAL" : "") + (sql == null ? "" : " " + normalise(sql)));
            }
            Map<String, List<String[]>> foreignKeys = new TreeMap<>();
            for (List<String> fk : pragma(connection, "foreign_key_list", table)) {
                // id, seq, table, from, to, on_update, on_delete, match
                foreignKeys.computeIfAbsent(fk.get(0), k -> new ArrayList<>()).add(fk.toArray(String[]::new));
            }
            for (List<String[]> parts : foreignKeys.values()) {
                StringBuilder line = new StringBuilder("foreign key (");
                for (int i = 0; i < parts.size(); i++) {
                    line.append(i == 0 ? "" : ", ").append(parts.get(i)[3]);
                }
                line.append(") REFERENCES ").append(parts.get(0)[2]).append(" (");
                for (int i = 0; i < parts.size(); i++) {
                    line.append(i == 0 ? "" : ", ").append(parts.get(i)[4]);
                }
                line.append(") ON UPDATE ").append(parts.get(0)[5]).append(" ON DELETE ").append(parts.get(0)[6])
                        .append(" MATCH ").append(parts.get(0)[7]);
                sorted.add(line.toString());
            }
            for (String check : checks(entry.getValue())) {
                sorted.add("check " + check);
            }
            sorted.sort(null);
            details.addAll(sorted);
            tables.put(table, details);
        }
        others.sort(null);
        return new SchemaSnapshot(tables, others);
    }

    /** The CHECK constraints written in a SQLite CREATE TABLE statement, normalised. */
    private static List<String> checks(String createTable) {
        List<String> checks = new ArrayList<>();
        Matcher matcher = Pattern.compile("(?i)(CONSTRAINT\\s+\\S+\\s+)?CHECK\\s*\\(").matcher(createTable);
        while (matcher.find()) {
            int depth = 1;
            int i = matcher.end();
            while (i < createTable.length() && depth > 0) {
                char c = createTable.charAt(i);
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                i++;
            }
            checks.add(normalise(createTable.substring(matcher.start(), i)));
        }
        return checks;
    }

    private static String normalise(String sql) {
        return sql == null ? "" : sql.replaceAll("\\s+", " ").replace("( ", "(").replace(" )", ")").strip();
    }

    private static List<List<String>> pragma(Connection connection, String pragma, String name) throws SQLException {
        List<List<String>> result = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA " + pragma + "(\"" + name.replace("\"", "\"\"") + "\")")) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rows.getString(i));
                }
                result.add(row);
            }
        }
        return result;
    }

    static List<String> strings(Connection connection, String query) throws SQLException {
        List<String> result = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                result.add(rows.getString(1));
            }
        }
        return result;
    }

    /**
     * Row count and a SHA-256 over the rows of each given table, reading only the given columns, rows
     * in primary-key order (then by every column).
     */
    static Map<String, String> rowChecksums(TestDatabase database, Map<String, List<String>> columnsByTable) throws SQLException {
        Map<String, String> sums = new TreeMap<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            for (Map.Entry<String, List<String>> entry : columnsByTable.entrySet()) {
                if (BOOKKEEPING.contains(entry.getKey()) || entry.getValue().isEmpty()) {
                    continue;
                }
                String columns = String.join(", ", entry.getValue().stream().map(c -> '"' + c + '"').toList());
                MessageDigest digest = sha256();
                long count = 0;
                String cast = Dialects.POSTGRESQL.equals(database.dialect()) ? "::text" : "";
                String order = String.join(", ", entry.getValue().stream().map(c -> '"' + c + '"' + cast).toList());
                try (ResultSet rows = statement.executeQuery("SELECT " + columns + " FROM \"" + entry.getKey() + "\" ORDER BY "
                        + order)) {
                    while (rows.next()) {
                        count++;
                        for (int i = 1; i <= entry.getValue().size(); i++) {
                            digest.update(String.valueOf(rows.getString(i)).getBytes(StandardCharsets.UTF_8));
                            digest.update((byte) 0);
                        }
                        digest.update((byte) '\n');
                    }
                }
                sums.put(entry.getKey(), count + " rows " + HexFormat.of().formatHex(digest.digest()));
            }
        }
        return sums;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
