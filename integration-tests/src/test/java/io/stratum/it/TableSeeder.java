package io.stratum.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Fills every empty table with {@link #ROWS} rows built from the catalogue alone: a column with a
 * default gets the default (unless a unique index or the primary key needs distinct values), every
 * other column a value of its type, and every foreign key a row of its parent (parents first; nullable
 * references to tables seeded later are set in a second pass). Two rows per table let a table with two
 * references to one parent (and a check that they differ) point at different parent rows.
 */
final class TableSeeder {
    static final int ROWS = 2;

    private final TestDatabase database;

    TableSeeder(TestDatabase database) {
        this.database = database;
    }

    record Column(String name, String type, boolean notNull, boolean hasDefault, int maxLength) {
    }

    record ForeignKey(String column, String parent, String parentColumn) {
    }

    record Table(String name, List<Column> columns, List<String> primaryKey, List<ForeignKey> foreignKeys,
            Set<String> uniqueColumns) {
    }

    /** Seeds every table (except the bookkeeping) that has no rows; returns the tables it seeded. */
    List<String> seedEmptyTables() throws SQLException {
        try (Connection connection = database.connect()) {
            if (Dialects.SQLITE.equals(database.dialect())) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("PRAGMA foreign_keys = ON");
                }
            }
            Map<String, Table> tables = Dialects.POSTGRESQL.equals(database.dialect()) ? postgresTables(connection) : sqliteTables(connection);
            List<Table> order = parentsFirst(tables);
            List<Table> seeded = new ArrayList<>();
            connection.setAutoCommit(false);
            try {
                for (Table table : order) {
                    if (count(connection, table.name()) == 0) {
                        insert(connection, table);
                        seeded.add(table);
                    }
                }
                for (Table table : seeded) {
                    linkNullableReferences(connection, table);
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
            return seeded.stream().map(Table::name).toList();
        }
    }

    private void insert(Connection connection, Table table) throws SQLException {
        Map<String, ForeignKey> references = new HashMap<>();
        Map<String, Integer> nthReferenceToParent = new HashMap<>();
        Map<String, Integer> offsets = new HashMap<>();
        for (ForeignKey fk : table.foreignKeys()) {
            references.put(fk.column(), fk);
            int nth = nthReferenceToParent.merge(fk.parent(), 1, Integer::sum) - 1;
            offsets.put(fk.column(), nth);
        }
        for (int row = 0; row < ROWS; row++) {
            List<String> names = new ArrayList<>();
            List<Object> values = new ArrayList<>();
            List<String> casts = new ArrayList<>();
            for (Column column : table.columns()) {
                ForeignKey fk = references.get(column.name());
                Object value;
                if (fk != null) {
                    List<String> parents = fk.parent().equals(table.name()) ? List.of()
                            : values(connection, fk.parent(), fk.parentColumn());
                    if (parents.isEmpty()) {
                        if (column.notNull()) {
                            throw new IllegalStateException("Cannot seed " + table.name() + "." + column.name()
                                    + ": parent table " + fk.parent() + " has no rows");
                        }
                        continue; // set by linkNullableReferences
                    }
                    value = parents.get((row + offsets.get(column.name())) % parents.size());
                } else if (column.hasDefault() && !table.primaryKey().contains(column.name())
                        && !table.uniqueColumns().contains(column.name())) {
                    continue;
                } else {
                    value = valueFor(connection, table, column, row);
                }
                names.add('"' + column.name() + '"');
                values.add(value);
                casts.add(Dialects.POSTGRESQL.equals(database.dialect()) ? "CAST(? AS " + column.type() + ")" : "?");
            }
            String sql = "INSERT INTO \"" + table.name() + "\" (" + String.join(", ", names) + ") VALUES ("
                    + String.join(", ", casts) + ")";
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                for (int i = 0; i < values.size(); i++) {
                    insert.setObject(i + 1, values.get(i));
                }
                insert.executeUpdate();
            } catch (SQLException e) {
                throw new SQLException("Seeding " + table.name() + " failed: " + e.getMessage() + " (" + sql + " with " + values
                        + ")", e);
            }
        }
    }

    /** Second pass: nullable references left empty because the parent was seeded after the child. */
    private void linkNullableReferences(Connection connection, Table table) throws SQLException {
        if (table.primaryKey().isEmpty()) {
            return;
        }
        Map<String, Integer> nthReferenceToParent = new HashMap<>();
        for (ForeignKey fk : table.foreignKeys()) {
            int nth = nthReferenceToParent.merge(fk.parent(), 1, Integer::sum) - 1;
            List<String> parents = values(connection, fk.parent(), fk.parentColumn());
            if (parents.isEmpty()) {
                continue;
            }
            List<List<String>> keys = keys(connection, table);
            for (int row = 0; row < keys.size(); row++) {
                // A self reference points at the other row.
                int offset = fk.parent().equals(table.name()) ? 1 : nth;
                String where = String.join(" AND ", table.primaryKey().stream().map(k -> "\"" + k + "\"" + cast() + " = ?").toList());
                try (PreparedStatement update = connection.prepareStatement("UPDATE \"" + table.name() + "\" SET \"" + fk.column()
                        + "\" = " + (Dialects.POSTGRESQL.equals(database.dialect()) ? "CAST(? AS " + type(table, fk.column()) + ")" : "?")
                        + " WHERE \"" + fk.column() + "\" IS NULL AND " + where)) {
                    update.setObject(1, parents.get((row + offset) % parents.size()));
                    for (int k = 0; k < keys.get(row).size(); k++) {
                        update.setObject(k + 2, keys.get(row).get(k));
                    }
                    update.executeUpdate();
                }
            }
        }
    }

    private String cast() {
        return Dialects.POSTGRESQL.equals(database.dialect()) ? "::text" : "";
    }

    private static String type(Table table, String column) {
        return table.columns().stream().filter(c -> c.name().equals(column)).findFirst().orElseThrow().type();
    }

    private List<List<String>> keys(Connection connection, Table table) throws SQLException {
        String columns = String.join(", ", table.primaryKey().stream().map(k -> "\"" + k + "\"" + cast()).toList());
        List<List<String>> keys = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT " + columns + " FROM \"" + table.name() + "\" ORDER BY " + columns)) {
            while (rows.next()) {
                List<String> key = new ArrayList<>();
                for (int i = 1; i <= table.primaryKey().size(); i++) {
                    key.add(rows.getString(i));
                }
                keys.add(key);
            }
        }
        return keys;
    }

    private List<String> values(Connection connection, String table, String column) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT \"" + column + "\"" + cast() + " FROM \"" + table + "\" ORDER BY \""
                     + column + "\"" + cast())) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT count(*) FROM \"" + table + "\"")) {
            row.next();
            return row.getLong(1);
        }
    }

    /** A value of the column's type, distinct per row and column. */
    private Object valueFor(Connection connection, Table table, Column column, int row) throws SQLException {
        String type = column.type().toLowerCase(Locale.ROOT);
        String text = "s" + row + "-" + table.name() + "-" + column.name();
        if (column.maxLength() > 0 && text.length() > column.maxLength()) {
            text = text.substring(0, column.maxLength());
        }
        UUID uuid = UUID.nameUUIDFromBytes(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (Dialects.POSTGRESQL.equals(database.dialect())) {
            String category = SchemaSnapshot.strings(connection, "SELECT typcategory FROM pg_type WHERE oid = '" + column.type()
                    .replace("'", "''") + "'::regtype").get(0);
            switch (category) {
                case "B":
                    return "false";
                case "N":
                    return Integer.toString(row + 1);
                case "D":
                    return "2026-01-02 03:04:0" + row + ".123456+00";
                case "T":
                    return (row + 1) + " seconds";
                case "E":
                    return SchemaSnapshot.strings(connection, "SELECT enumlabel FROM pg_enum WHERE enumtypid = '" + column.type()
                            .replace("'", "''") + "'::regtype ORDER BY enumsortorder").get(row % 2 == 0 ? 0 : 1);
                case "A":
                    return "{}";
                case "S":
                    return text;
                default:
                    if (type.equals("uuid")) {
                        return uuid.toString();
                    }
                    if (type.equals("jsonb") || type.equals("json")) {
                        return "{\"seed\": " + row + "}";
                    }
                    if (type.equals("bytea")) {
                        return "\\x0" + row;
                    }
                    throw new IllegalStateException("No seed value for " + table.name() + "." + column.name() + " of type "
                            + column.type() + " (category " + category + ")");
            }
        }
        if (type.contains("char(36)") || type.equals("uuid")) {
            return uuid.toString();
        }
        if (type.contains("json")) {
            return "{\"seed\": " + row + "}";
        }
        if (type.contains("date") || type.contains("time")) {
            return "2026-01-02 03:04:0" + row + ".123456";
        }
        if (type.contains("bool")) {
            return row % 2;
        }
        if (type.contains("int")) {
            return row + 1;
        }
        if (type.contains("real") || type.contains("floa") || type.contains("doub") || type.contains("num")) {
            return row + 1.5;
        }
        if (type.contains("blob")) {
            return new byte[] {(byte) row};
        }
        return text;
    }

    /** Parents before children along NOT NULL references; fails on a cycle of them. */
    private static List<Table> parentsFirst(Map<String, Table> tables) {
        List<Table> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        Set<String> visiting = new LinkedHashSet<>();
        for (String name : tables.keySet()) {
            visit(name, tables, done, visiting, order);
        }
        return order;
    }

    private static void visit(String name, Map<String, Table> tables, Set<String> done, Set<String> visiting, List<Table> order) {
        if (done.contains(name)) {
            return;
        }
        if (!visiting.add(name)) {
            throw new IllegalStateException("A cycle of NOT NULL foreign keys: " + visiting + " -> " + name);
        }
        Table table = tables.get(name);
        for (ForeignKey fk : table.foreignKeys()) {
            boolean notNull = table.columns().stream().anyMatch(c -> c.name().equals(fk.column()) && c.notNull());
            if (notNull && !fk.parent().equals(name) && tables.containsKey(fk.parent())) {
                visit(fk.parent(), tables, done, visiting, order);
            }
        }
        visiting.remove(name);
        done.add(name);
        order.add(table);
    }

    private static Map<String, Table> postgresTables(Connection connection) throws SQLException {
        Map<String, Table> tables = new LinkedHashMap<>();
        for (String name : SchemaSnapshot.strings(connection, "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON "
                + "n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY c.relname")) {
            if (SchemaSnapshot.BOOKKEEPING.contains(name)) {
                continue;
            }
            String regclass = "(quote_ident(current_schema()) || '.' || quote_ident('" + name.replace("'", "''") + "'))::regclass";
            List<Column> columns = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, "
                         + "a.atthasdef OR a.attidentity <> '' OR a.attgenerated <> '', CASE WHEN a.atttypid IN "
                         + "('varchar'::regtype, 'bpchar'::regtype) AND a.atttypmod > 4 THEN a.atttypmod - 4 ELSE 0 END "
                         + "FROM pg_attribute a WHERE a.attrelid = " + regclass + " AND a.attnum > 0 AND NOT a.attisdropped "
                         + "ORDER BY a.attnum")) {
                while (rows.next()) {
                    columns.add(new Column(rows.getString(1), rows.getString(2), rows.getBoolean(3), rows.getBoolean(4),
                            rows.getInt(5)));
                }
            }
            List<String> primaryKey = SchemaSnapshot.strings(connection, "SELECT a.attname FROM pg_index i JOIN pg_attribute a "
                    + "ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey) WHERE i.indrelid = " + regclass
                    + " AND i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)");
            Set<String> unique = new HashSet<>(SchemaSnapshot.strings(connection, "SELECT a.attname FROM pg_index i JOIN "
                    + "pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey) WHERE i.indrelid = " + regclass
                    + " AND i.indisunique"));
            List<ForeignKey> foreignKeys = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT a.attname, rf.relname, af.attname FROM pg_constraint c "
                         + "JOIN pg_class rf ON rf.oid = c.confrelid "
                         + "CROSS JOIN LATERAL unnest(c.conkey, c.confkey) AS k(col, fcol) "
                         + "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.col "
                         + "JOIN pg_attribute af ON af.attrelid = c.confrelid AND af.attnum = k.fcol "
                         + "WHERE c.contype = 'f' AND c.conrelid = " + regclass + " ORDER BY c.conname")) {
                while (rows.next()) {
                    foreignKeys.add(new ForeignKey(rows.getString(1), rows.getString(2), rows.getString(3)));
                }
            }
            tables.put(name, new Table(name, columns, primaryKey, foreignKeys, unique));
        }
        return tables;
    }

    private static Map<String, Table> sqliteTables(Connection connection) throws SQLException {
        Map<String, Table> tables = new LinkedHashMap<>();
        for (String name : SchemaSnapshot.strings(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name "
                + "NOT LIKE 'sqlite_%' ORDER BY name")) {
            if (SchemaSnapshot.BOOKKEEPING.contains(name)) {
                continue;
            }
            List<Column> columns = new ArrayList<>();
            List<String> primaryKey = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("PRAGMA table_info(\"" + name + "\")")) {
                while (rows.next()) {
                    columns.add(new Column(rows.getString("name"), String.valueOf(rows.getString("type")), rows.getInt("notnull") == 1,
                            rows.getString("dflt_value") != null, 0));
                    if (rows.getInt("pk") > 0) {
                        primaryKey.add(rows.getString("name"));
                    }
                }
            }
            Set<String> unique = new HashSet<>();
            for (String index : SchemaSnapshot.strings(connection, "SELECT name FROM pragma_index_list('" + name + "') WHERE \"unique\" = 1")) {
                unique.addAll(SchemaSnapshot.strings(connection, "SELECT name FROM pragma_index_info('" + index + "') WHERE name IS NOT NULL"));
            }
            List<ForeignKey> foreignKeys = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("PRAGMA foreign_key_list(\"" + name + "\")")) {
                while (rows.next()) {
                    foreignKeys.add(new ForeignKey(rows.getString("from"), rows.getString("table"),
                            rows.getString("to") == null ? "id" : rows.getString("to")));
                }
            }
            tables.put(name, new Table(name, columns, primaryKey, foreignKeys, unique));
        }
        return tables;
    }
}
