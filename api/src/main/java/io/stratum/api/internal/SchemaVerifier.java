package io.stratum.api.internal;

import io.stratum.api.SchemaReport;
import io.stratum.api.spi.ColumnType;
import io.stratum.api.spi.DialectProvider;
import io.stratum.api.spi.ModelCatalogue;
import io.stratum.api.spi.SchemaObject;
import io.stratum.api.spi.SchemaObject.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The schema drift check: compares the live schema with (a) the columns the entities map, (b) the
 * tables, indexes and constraints the reference lists (the model catalogue's hand-written list), and
 * (c) reports whatever the live schema has that neither knows. Not thread-safe; one instance per check.
 */
final class SchemaVerifier {
    private final DialectProvider dialect;
    private final List<SchemaObject> expected;
    private final Set<String> expectedKeys = new HashSet<>();
    private final Set<String> expectedTables = new HashSet<>();
    private final Set<String> migrationOnlyTables = new HashSet<>();
    private final Set<String> migrationOnlyColumns = new HashSet<>();
    private final Set<String> enumTypesChecked = new HashSet<>();
    private final List<String> problems = new ArrayList<>();

    SchemaVerifier(DialectProvider dialect, ModelCatalogue catalogue) {
        this(dialect, catalogue, object -> false);
    }

    /** A check that leaves out the listed objects that {@code notYet} selects (adoption: later revisions' objects). */
    SchemaVerifier(DialectProvider dialect, ModelCatalogue catalogue, Predicate<SchemaObject> notYet) {
        this.dialect = dialect;
        this.expected = catalogue.expectedSchema(dialect.dialect()).stream().filter(notYet.negate()).toList();
        for (SchemaObject object : expected) {
            expectedKeys.add(object.key());
            if (object.kind() == Kind.TABLE) {
                expectedTables.add(object.name());
            }
        }
        for (SchemaObject object : catalogue.migrationOnlyObjects(dialect.dialect())) {
            if (object.kind() == Kind.TABLE) {
                migrationOnlyTables.add(object.name());
            } else if (object.kind() == Kind.COLUMN) {
                migrationOnlyColumns.add(object.table() + "." + object.name());
            }
        }
    }

    SchemaReport verify(LiveSchema live, List<MappedColumn> model) {
        Map<String, List<MappedColumn>> modelTables = new TreeMap<>(
                model.stream().collect(Collectors.groupingBy(MappedColumn::table)));
        modelTables.forEach((table, columns) -> checkEntityTable(live, table, columns));
        checkExpectedObjects(live, modelTables.keySet());
        checkUnknownTablesAndColumns(live, modelTables);
        checkUnknownObjects(live, modelTables.keySet());
        return new SchemaReport(dialect.dialect(), problems);
    }

    // (a) Every mapped column exists with a type that holds its values and the same nullability.
    private void checkEntityTable(LiveSchema live, String table, List<MappedColumn> columns) {
        String entity = columns.get(0).entity();
        if (!expectedTables.contains(table)) {
            problems.add("table " + table + " (entity " + entity + ") is not listed in the reference catalogue");
        }
        Map<String, LiveSchema.Column> liveColumns = live.tables.get(table);
        if (liveColumns == null) {
            problems.add("table " + table + " (entity " + entity + ") is missing");
            return;
        }
        for (MappedColumn mapped : columns) {
            LiveSchema.Column column = liveColumns.get(mapped.column());
            String where = "column " + table + "." + mapped.column() + " (" + mapped.attributePath() + ")";
            if (column == null) {
                problems.add(where + " is missing");
                continue;
            }
            checkType(live, mapped, column, where);
            if (mapped.nullable() != column.nullable()) {
                problems.add(where + " is " + nullability(column.nullable()) + " in the database but "
                        + nullability(mapped.nullable()) + " in the model");
            }
        }
    }

    private void checkType(LiveSchema live, MappedColumn mapped, LiveSchema.Column column, String where) {
        ColumnType type = mapped.expectedType();
        if (type == null) {
            problems.add(where + " has Java type " + mapped.javaType().getName()
                    + ", which the drift check cannot map to a column type");
        } else if (type == ColumnType.ENUM) {
            checkEnum(live, mapped, column, where);
        } else if (!dialect.columnTypes(column.typeName()).contains(type)) {
            problems.add(where + " has type " + column.typeName() + ", which cannot hold " + describe(type)
                    + " values");
        }
    }

    /** A native enum type named after the Java enum where the database has one, else text wide enough for every name. */
    private void checkEnum(LiveSchema live, MappedColumn mapped, LiveSchema.Column column, String where) {
        Class<?> type = mapped.javaType();
        String typeName = snakeCase(type.getSimpleName());
        List<String> names = Arrays.stream(type.getEnumConstants()).map(e -> ((Enum<?>) e).name()).toList();
        SchemaObject nativeType = live.objects.stream()
                .filter(o -> o.kind() == Kind.ENUM_TYPE && o.name().equals(typeName)).findFirst().orElse(null);
        if (nativeType != null) {
            if (!column.typeName().equals(typeName)) {
                problems.add(where + " has type " + column.typeName() + ", expected the enum type " + typeName);
            }
            String labels = String.join(",", names);
            if (!nativeType.detail().equals(labels) && enumTypesChecked.add(typeName)) {
                problems.add("enum type " + typeName + " has the labels " + nativeType.detail() + ", but "
                        + type.getSimpleName() + " has " + labels);
            }
            return;
        }
        if (!dialect.columnTypes(column.typeName()).contains(ColumnType.ENUM)) {
            problems.add(where + " has type " + column.typeName() + ", which cannot hold the names of enum "
                    + type.getSimpleName());
            return;
        }
        String longest = names.stream().reduce("", (a, b) -> b.length() > a.length() ? b : a);
        if (column.size() > 0 && longest.length() > column.size()) {
            problems.add(where + " holds at most " + column.size() + " characters, but enum " + type.getSimpleName()
                    + " has the " + longest.length() + "-character value " + longest);
        }
    }

    // (b) Every table, index and constraint the reference lists exists by its exact name and acts alike.
    private void checkExpectedObjects(LiveSchema live, Set<String> modelTables) {
        Map<String, SchemaObject> liveByKey = new HashMap<>();
        Map<String, SchemaObject> liveByName = new HashMap<>();
        for (SchemaObject object : live.objects) {
            liveByKey.put(object.key(), object);
            liveByName.put(object.table() + " " + object.name(), object);
        }
        for (SchemaObject wanted : expected) {
            if (wanted.kind() == Kind.TABLE) {
                if (!live.tables.containsKey(wanted.name())) {
                    if (!modelTables.contains(wanted.name())) { // an entity's missing table is reported with the entity
                        problems.add("table " + wanted.name() + " is missing");
                    }
                } else if (!modelTables.contains(wanted.name()) && !migrationOnlyTables.contains(wanted.name())) {
                    problems.add("table " + wanted.name() + " is listed by the reference but no entity maps it");
                }
                continue;
            }
            if (wanted.table() != null && !live.tables.containsKey(wanted.table())
                    || wanted.kind() == Kind.EXTENSION) {
                continue; // a missing table is reported once; extensions may be installed in another schema
            }
            if (wanted.kind() == Kind.COLUMN) {
                if (!live.tables.get(wanted.table()).containsKey(wanted.name())) {
                    problems.add("column " + wanted.where() + " is missing");
                }
                continue;
            }
            SchemaObject found = liveByKey.get(wanted.key());
            if (found == null) {
                SchemaObject sameName = liveByName.get(wanted.table() + " " + wanted.name());
                problems.add(wanted.kind().label() + " " + wanted.where() + " is missing"
                        + (sameName == null ? "" : "; a " + sameName.kind().label() + " of that name exists instead"));
            } else if (!found.detail().equals(wanted.detail())) {
                problems.add(wanted.kind().label() + " " + wanted.where() + " is " + detail(found)
                        + ", but the reference has " + detail(wanted));
            }
        }
    }

    // (c) Nothing in the live schema is unknown to both the model and the documented list.
    private void checkUnknownTablesAndColumns(LiveSchema live, Map<String, List<MappedColumn>> modelTables) {
        live.tables.forEach((table, columns) -> {
            List<MappedColumn> mapped = modelTables.get(table);
            if (mapped == null) {
                if (!expectedTables.contains(table) && !migrationOnlyTables.contains(table)) {
                    problems.add("table " + table + " is unknown: no entity maps it and the reference does not list it");
                }
                return; // the columns of a migration-only table are the migrations' own
            }
            Set<String> mappedNames = mapped.stream().map(MappedColumn::column).collect(Collectors.toSet());
            for (String column : columns.keySet()) {
                if (!mappedNames.contains(column) && !migrationOnlyColumns.contains(table + "." + column)) {
                    problems.add("column " + table + "." + column + " is unknown: entity " + mapped.get(0).entity()
                            + " maps no attribute to it and it is not a documented migration-only column");
                }
            }
        });
    }

    private void checkUnknownObjects(LiveSchema live, Set<String> modelTables) {
        Set<String> expectedNames = new HashSet<>();
        expected.forEach(object -> expectedNames.add(object.table() + " " + object.name()));
        for (SchemaObject object : live.objects) {
            if (object.kind() == Kind.PARTITION) {
                // A part of the form the dialect makes itself is no object of its own; anything else is drift.
                if (!object.detail().isEmpty()) {
                    problems.add("table " + object.name() + " is a " + object.detail());
                }
                continue;
            }
            boolean onUnknownTable = object.table() != null && !modelTables.contains(object.table())
                    && !expectedTables.contains(object.table()) && !migrationOnlyTables.contains(object.table());
            // Objects of an unknown table are covered by that table's problem; an object of the wrong
            // kind under an expected name was reported as "exists instead".
            if (!onUnknownTable && !expectedKeys.contains(object.key())
                    && !expectedNames.contains(object.table() + " " + object.name())) {
                problems.add(object.kind().label() + " " + object.where()
                        + " is unknown: the reference does not list it");
            }
        }
    }

    /** The detail quoted; an index's empty form said in words. */
    private static String detail(SchemaObject object) {
        boolean index = object.kind() == Kind.INDEX || object.kind() == Kind.UNIQUE;
        return index && object.detail().isEmpty() ? "a plain ascending index" : "'" + object.detail() + "'";
    }

    private static String nullability(boolean nullable) {
        return nullable ? "nullable" : "NOT NULL";
    }

    private static String describe(ColumnType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    /** {@code WorkQueueStatus} to {@code work_queue_status}: the reference's enum type names. */
    static String snakeCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
