package io.stratum.dialect.sqlite.internal;

import io.stratum.api.spi.SchemaObject;
import io.stratum.api.spi.SchemaObject.Kind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the named objects of a SQLite database for the schema drift check. SQLite keeps constraint
 * names only in the {@code CREATE TABLE} text, so they are parsed from there; what a constraint does
 * comes from the pragmas. Indexes SQLite creates for constraints ({@code sqlite_autoindex_*}) are
 * reported as their constraints; unnamed constraints have nothing to compare and are left out.
 */
final class SqliteSchemaObjects {
    private static final Pattern NAMED_CONSTRAINT = Pattern.compile(
            "(?is)\\bCONSTRAINT\\s+[\"`]?(\\w+)[\"`]?\\s+(PRIMARY\\s+KEY|UNIQUE|CHECK|FOREIGN\\s+KEY|REFERENCES)");
    private static final Pattern FOREIGN_KEY_COLUMNS = Pattern.compile("(?is)\\bFOREIGN\\s+KEY\\s*\\(([^)]*)\\)");

    private static final Pattern INDEX_TARGET = Pattern.compile("(?is)\\bON\\s+[\"`\\[]?\\w+[\"`\\]]?\\s*");
    private static final Pattern KEYWORD = Pattern.compile(
            "(?i)\\b(ASC|DESC|COLLATE|NOCASE|BINARY|RTRIM|WHERE|AND|OR|IS|NOT|NULL|IN|COALESCE)\\b");
    private static final Pattern PLAIN_INDEX = Pattern.compile("\\(\\w+(, \\w+)*\\)");

    private SqliteSchemaObjects() {
    }

    static List<SchemaObject> read(Connection connection) throws SQLException {
        List<SchemaObject> objects = new ArrayList<>();
        Map<String, String> tables = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT type, name, tbl_name, sql FROM sqlite_master "
                     + "WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")) {
            while (rows.next()) {
                switch (rows.getString(1)) {
                    case "table" -> tables.put(rows.getString(2), rows.getString(4));
                    case "view" -> objects.add(SchemaObject.of(Kind.VIEW, null, rows.getString(2)));
                    case "trigger" -> objects.add(SchemaObject.of(Kind.TRIGGER, rows.getString(3), rows.getString(2)));
                    default -> { } // indexes are read per table below, with their unique flag
                }
            }
        }
        for (Map.Entry<String, String> table : tables.entrySet()) {
            readIndexes(connection, table.getKey(), objects);
            readConstraints(connection, table.getKey(), table.getValue(), objects);
        }
        return objects;
    }

    /**
     * The form of an index as {@link SchemaObject#detail()} writes it, from its {@code CREATE INDEX}
     * text: empty for an ascending index on plain columns, otherwise what follows the table name
     * (keys with {@code DESC}, {@code COLLATE}, expressions; the predicate), identifiers unquoted, one
     * space between words, keywords and {@code COALESCE} in capitals as PostgreSQL prints them: {@code (deployment_id, slug) WHERE slug IS NOT NULL}.
     */
    static String indexForm(String createIndexSql) {
        if (createIndexSql == null) {
            return "";
        }
        Matcher on = INDEX_TARGET.matcher(createIndexSql);
        if (!on.find()) {
            return createIndexSql;
        }
        String form = createIndexSql.substring(on.end()).replaceAll("[\"`\\[\\]]", "")
                .replaceAll("\\s+", " ").replaceAll("\\( ", "(").replaceAll(" \\)", ")")
                .replaceAll(" ?, ?", ", ").strip();
        Matcher keyword = KEYWORD.matcher(form);
        StringBuilder normalised = new StringBuilder();
        while (keyword.find()) {
            keyword.appendReplacement(normalised, keyword.group().toUpperCase(Locale.ROOT));
        }
        keyword.appendTail(normalised);
        form = normalised.toString().replaceAll(" ASC\\b", "");
        return PLAIN_INDEX.matcher(form).matches() ? "" : form;
    }

    private static void readIndexes(Connection connection, String table, List<SchemaObject> objects)
            throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA index_list(" + SqliteDialect.quote(table) + ")")) {
            while (rows.next()) {
                // origin 'c': made by CREATE INDEX; 'u' and 'pk' implement a table constraint.
                if ("c".equals(rows.getString("origin"))) {
                    String name = rows.getString("name");
                    objects.add(new SchemaObject(rows.getInt("unique") == 1 ? Kind.UNIQUE : Kind.INDEX, table, name,
                            indexForm(indexSql(connection, name))));
                }
            }
        }
    }

    private static String indexSql(Connection connection, String index) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?")) {
            statement.setString(1, index);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private static void readConstraints(Connection connection, String table, String createSql,
                                        List<SchemaObject> objects) throws SQLException {
        Map<String, String> foreignKeys = foreignKeyActions(connection, table);
        for (String item : TableDefinition.items(createSql)) {
            Matcher constraint = NAMED_CONSTRAINT.matcher(item);
            if (!constraint.find()) {
                continue;
            }
            String clause = constraint.group(2).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
            String name = constraint.group(1);
            switch (clause) {
                case "PRIMARY KEY" -> objects.add(SchemaObject.of(Kind.PRIMARY_KEY, table, name));
                case "UNIQUE" -> objects.add(SchemaObject.of(Kind.UNIQUE, table, name));
                case "CHECK" -> objects.add(SchemaObject.of(Kind.CHECK, table, name));
                default -> {
                    Matcher columns = FOREIGN_KEY_COLUMNS.matcher(item);
                    // A column-level REFERENCES constrains the column the item defines.
                    String from = columns.find() ? columns.group(1) : item.trim().split("\\s+")[0];
                    String key = from.replaceAll("[\\s\"`]", "");
                    String action = foreignKeys.getOrDefault(key, "? -> ? ON DELETE ?");
                    boolean deferred = item.toUpperCase(Locale.ROOT).matches("(?s).*\\bINITIALLY\\s+DEFERRED\\b.*");
                    objects.add(new SchemaObject(Kind.FOREIGN_KEY, table, name, action + (deferred ? " DEFERRED" : "")));
                }
            }
        }
    }

    /** Each foreign key's columns (comma separated) to {@code "<columns> -> <table> ON DELETE <action>"}. */
    private static Map<String, String> foreignKeyActions(Connection connection, String table) throws SQLException {
        Map<Integer, List<String[]>> byId = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA foreign_key_list(" + SqliteDialect.quote(table) + ")")) {
            while (rows.next()) {
                byId.computeIfAbsent(rows.getInt("id"), id -> new ArrayList<>()).add(new String[] {
                    rows.getString("from"), rows.getString("table"), rows.getString("on_delete")});
            }
        }
        Map<String, String> actions = new HashMap<>();
        for (List<String[]> parts : byId.values()) {
            String columns = String.join(",", parts.stream().map(part -> part[0]).toList());
            String[] first = parts.get(0);
            actions.put(columns, columns + " -> " + first[1] + " ON DELETE " + first[2].toUpperCase(Locale.ROOT));
        }
        return actions;
    }
}
