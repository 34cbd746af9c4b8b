package io.stratum.api.spi;

import io.stratum.api.Api;
import java.util.Locale;
import java.util.Objects;

/**
 * A named object of a database schema, as the schema drift check compares them: listed by the model
 * catalogue ({@link ModelCatalogue#expectedSchema}) and read from the live database
 * ({@link DialectProvider#schemaObjects}).
 *
 * @param kind   what the object is
 * @param table  the table it belongs to; {@code null} for tables themselves and schema-level objects
 *               (types, extensions, views, sequences, functions)
 * @param name   its exact name; for a {@link Kind#COLUMN} the column name
 * @param detail what must match besides the name, in a form both sides write alike: for a
 *               {@link Kind#FOREIGN_KEY} {@code "<column> -> <referenced table> ON DELETE <action>"}
 *               plus {@code " DEFERRED"} when checked at commit (actions: CASCADE, SET NULL, RESTRICT,
 *               NO ACTION, SET DEFAULT); for an {@link Kind#ENUM_TYPE} its labels in order, comma
 *               separated; for an {@link Kind#INDEX} or a unique index ({@link Kind#UNIQUE}) its form,
 *               empty for an ascending B-tree on plain columns, else its keys (with {@code DESC},
 *               {@code COLLATE}, expressions) and predicate in the dialect's own normalised text, e.g.
 *               {@code (deployment_id, slug) WHERE slug IS NOT NULL}; for a {@link Kind#PARTITION} (a
 *               table holding part of {@code table}'s rows, PostgreSQL's partitions) empty when it is a
 *               part of the form the dialect makes itself (a day of the partitioned history, see
 *               {@link DayPartitions}), else what is wrong with it; otherwise empty
 */
@Api(Api.Status.EXPERIMENTAL)
public record SchemaObject(Kind kind, String table, String name, String detail) {

    public enum Kind {
        TABLE, COLUMN, PRIMARY_KEY, INDEX, UNIQUE, CHECK, FOREIGN_KEY, ENUM_TYPE, TYPE, EXTENSION, VIEW, SEQUENCE,
        TRIGGER, FUNCTION, PARTITION;

        /** Lower-case words, as problems and the catalogue files write the kind. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    public SchemaObject {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        detail = detail == null ? "" : detail;
    }

    public static SchemaObject of(Kind kind, String table, String name) {
        return new SchemaObject(kind, table, name, "");
    }

    /** Kind, table and name: what identifies the object, whatever its detail. */
    public String key() {
        return kind + " " + (table == null ? "" : table) + " " + name;
    }

    /** {@code name (table)}, or the name alone for tables and schema-level objects. */
    public String where() {
        if (kind == Kind.COLUMN) {
            return table + "." + name;
        }
        return table == null ? name : name + " (" + table + ")";
    }
}
