package io.stratum.dialect.postgres.internal;

import io.stratum.api.spi.SchemaObject;
import io.stratum.api.spi.SchemaObject.Kind;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the named objects of the current schema from {@code pg_catalog} for the schema drift check.
 * Objects that belong to an extension (pg_trgm's functions, operators, types) are left out: the
 * extension itself stands for them.
 */
final class PostgresSchemaObjects {
    private static final String IN_SCHEMA = "n.nspname = current_schema()";

    private static String notInExtension(String catalog, String oid) {
        return "NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '" + catalog + "'::regclass AND d.objid = "
                + oid + " AND d.deptype = 'e')";
    }

    /**
     * An index that implements a primary key or unique constraint is reported as that constraint. The
     * definition is what follows {@code USING} in {@code pg_get_indexdef}: method, keys, predicate.
     */
    private static final String INDEXES = "SELECT t.relname, i.relname, x.indisunique, c.contype, c.conname, "
            + "pg_get_indexdef(x.indexrelid) "
            + "FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid "
            + "JOIN pg_namespace n ON n.oid = t.relnamespace LEFT JOIN pg_constraint c ON c.conindid = x.indexrelid "
            + "AND c.conrelid = x.indrelid AND c.contype IN ('p', 'u') WHERE " + IN_SCHEMA + " AND NOT t.relispartition AND "
            + notInExtension("pg_class", "t.oid");

    private static final String CONSTRAINTS = "SELECT t.relname, c.conname, c.contype, c.confdeltype, c.condeferred, "
            + "r.relname, (SELECT string_agg(a.attname, ',' ORDER BY k.position) FROM unnest(c.conkey) "
            + "WITH ORDINALITY AS k(attnum, position) JOIN pg_attribute a ON a.attrelid = c.conrelid "
            + "AND a.attnum = k.attnum) FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid "
            + "JOIN pg_namespace n ON n.oid = t.relnamespace LEFT JOIN pg_class r ON r.oid = c.confrelid "
            + "WHERE " + IN_SCHEMA + " AND NOT t.relispartition AND c.contype IN ('c', 'f') AND "
            + notInExtension("pg_class", "t.oid");

    /** Enum, domain, range and standalone composite types; a table's own row type is not one of them. */
    private static final String TYPES = "SELECT t.typname, t.typtype, (SELECT string_agg(e.enumlabel, ',' "
            + "ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid) FROM pg_type t "
            + "JOIN pg_namespace n ON n.oid = t.typnamespace WHERE " + IN_SCHEMA + " AND (t.typtype IN ('e', 'd', 'r', 'm') "
            + "OR t.typtype = 'c' AND EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = t.typrelid AND c.relkind = 'c')) AND "
            + notInExtension("pg_type", "t.oid");

    private static final String RELATIONS = "SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n "
            + "ON n.oid = c.relnamespace WHERE " + IN_SCHEMA + " AND c.relkind IN ('v', 'm', 'S') AND "
            + notInExtension("pg_class", "c.oid");

    private static final String FUNCTIONS = "SELECT p.proname FROM pg_proc p JOIN pg_namespace n "
            + "ON n.oid = p.pronamespace WHERE " + IN_SCHEMA + " AND " + notInExtension("pg_proc", "p.oid");

    private static final String TRIGGERS = "SELECT t.relname, g.tgname FROM pg_trigger g JOIN pg_class t "
            + "ON t.oid = g.tgrelid JOIN pg_namespace n ON n.oid = t.relnamespace WHERE " + IN_SCHEMA
            + " AND NOT g.tgisinternal AND NOT t.relispartition";

    /**
     * Every partition with its parent, bounds (as instants, whatever the session's time zone) and the
     * parent's partition key. A partition's own indexes and constraints are its parent's, so the queries
     * above leave them out.
     */
    private static final String PARTITIONS = "SELECT p.relname, c.relname, "
            + "substring(pg_get_expr(c.relpartbound, c.oid) from 'FROM \\(''([^'']+)''\\)')::timestamptz, "
            + "substring(pg_get_expr(c.relpartbound, c.oid) from 'TO \\(''([^'']+)''\\)')::timestamptz, "
            + "pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT', pg_get_partkeydef(p.oid) "
            + "FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent "
            + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + IN_SCHEMA + " AND c.relispartition AND c.relkind IN ('r', 'p')";

    private static final String EXTENSIONS = "SELECT e.extname FROM pg_extension e JOIN pg_namespace n "
            + "ON n.oid = e.extnamespace WHERE " + IN_SCHEMA;

    private static final Map<String, String> DELETE_ACTIONS = Map.of("a", "NO ACTION", "r", "RESTRICT", "c", "CASCADE",
            "n", "SET NULL", "d", "SET DEFAULT");

    /** An ascending B-tree on plain columns: {@code btree (a, b)}. */
    private static final Pattern PLAIN_INDEX = Pattern.compile("btree \\(\\w+(, \\w+)*\\)");
    private static final Pattern DEFINITION = Pattern.compile(" USING (.*)$");
    private static final Pattern PREDICATE = Pattern.compile("^(.*) WHERE \\((.*)\\)$");

    private static final PostgresDayPartitions DAY_PARTITIONS = new PostgresDayPartitions();

    private PostgresSchemaObjects() {
    }

    /**
     * The form of an index as {@link SchemaObject#detail()} writes it: empty for an ascending B-tree on
     * plain columns, otherwise its keys (with {@code DESC}, {@code COLLATE}, expressions, operator
     * classes) and predicate as PostgreSQL prints them, without quotes, casts, {@code btree} and the
     * predicate's outer parentheses: {@code (deployment_id, slug) WHERE slug IS NOT NULL}.
     */
    static String indexForm(String indexDefinition) {
        Matcher using = DEFINITION.matcher(indexDefinition);
        if (!using.find()) {
            return indexDefinition;
        }
        // Quotes and casts are PostgreSQL's spelling, not the form: "timestamp" DESC, 'SCHEDULED'::state_type.
        String form = using.group(1).replace("\"", "").replaceAll("::\\w+", "");
        if (PLAIN_INDEX.matcher(form).matches()) {
            return "";
        }
        Matcher predicate = PREDICATE.matcher(form);
        if (predicate.matches()) {
            form = predicate.group(1) + " WHERE " + predicate.group(2);
        }
        return form.startsWith("btree ") ? form.substring("btree ".length()) : form;
    }

    static List<SchemaObject> read(Connection connection) throws SQLException {
        List<SchemaObject> objects = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery(INDEXES)) {
                while (rows.next()) {
                    String contype = rows.getString(4);
                    Kind kind = "p".equals(contype) ? Kind.PRIMARY_KEY
                            : "u".equals(contype) || rows.getBoolean(3) ? Kind.UNIQUE : Kind.INDEX;
                    objects.add(contype == null
                            ? new SchemaObject(kind, rows.getString(1), rows.getString(2), indexForm(rows.getString(6)))
                            : SchemaObject.of(kind, rows.getString(1), rows.getString(5)));
                }
            }
            try (ResultSet rows = statement.executeQuery(CONSTRAINTS)) {
                while (rows.next()) {
                    boolean foreignKey = "f".equals(rows.getString(3));
                    String detail = foreignKey ? rows.getString(7) + " -> " + rows.getString(6) + " ON DELETE "
                            + DELETE_ACTIONS.get(rows.getString(4)) + (rows.getBoolean(5) ? " DEFERRED" : "") : "";
                    objects.add(new SchemaObject(foreignKey ? Kind.FOREIGN_KEY : Kind.CHECK, rows.getString(1),
                            rows.getString(2), detail));
                }
            }
            try (ResultSet rows = statement.executeQuery(TYPES)) {
                while (rows.next()) {
                    boolean isEnum = "e".equals(rows.getString(2));
                    objects.add(new SchemaObject(isEnum ? Kind.ENUM_TYPE : Kind.TYPE, null, rows.getString(1),
                            isEnum ? rows.getString(3) : ""));
                }
            }
            try (ResultSet rows = statement.executeQuery(RELATIONS)) {
                while (rows.next()) {
                    objects.add(SchemaObject.of("S".equals(rows.getString(2)) ? Kind.SEQUENCE : Kind.VIEW, null,
                            rows.getString(1)));
                }
            }
            try (ResultSet rows = statement.executeQuery(FUNCTIONS)) {
                while (rows.next()) {
                    objects.add(SchemaObject.of(Kind.FUNCTION, null, rows.getString(1)));
                }
            }
            try (ResultSet rows = statement.executeQuery(TRIGGERS)) {
                while (rows.next()) {
                    objects.add(SchemaObject.of(Kind.TRIGGER, rows.getString(1), rows.getString(2)));
                }
            }
            try (ResultSet rows = statement.executeQuery(PARTITIONS)) {
                while (rows.next()) {
                    java.sql.Timestamp from = rows.getTimestamp(3);
                    java.sql.Timestamp to = rows.getTimestamp(4);
                    objects.add(new SchemaObject(Kind.PARTITION, rows.getString(1), rows.getString(2),
                            DAY_PARTITIONS.problem(rows.getString(1), rows.getString(2), from == null ? null : from.toInstant(),
                                    to == null ? null : to.toInstant(), rows.getBoolean(5), rows.getString(6))));
                }
            }
            try (ResultSet rows = statement.executeQuery(EXTENSIONS)) {
                while (rows.next()) {
                    objects.add(SchemaObject.of(Kind.EXTENSION, null, rows.getString(1)));
                }
            }
        }
        return objects;
    }
}
