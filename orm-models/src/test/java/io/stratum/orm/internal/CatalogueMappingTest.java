package io.stratum.orm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratum.api.model.OrmModel;
import io.stratum.orm.types.Json;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.eclipse.persistence.annotations.Mutable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every entity of the catalogue against the Flyway schema of both dialects: names, columns, Java types,
 * nullability, quoting, defaults, and the catalogue's commit order against the foreign keys.
 */
class CatalogueMappingTest {
    /** Columns and tables that exist only for the migrations (reference 4.9, 4.11). */
    private static final Set<String> MIGRATION_ONLY_TABLES = Set.of("deployment_version",
            // Stratum extension (not in the reference): concurrency slot leases, written with SQL by the query components.
            "concurrency_slot_lease");
    private static final Set<String> MIGRATION_ONLY_COLUMNS = Set.of("deployment.version_id");

    /** Immediate foreign keys whose cycle no insert order can satisfy (documented on {@link Catalogue}). */
    private static final Set<String> ORDER_EXCEPTIONS = Set.of("flow_run.parent_task_run_id");

    /** Client-side (ORM) defaults of the reference where the server default is absent or differs. */
    private static final Map<String, Object> CLIENT_DEFAULTS = Map.ofEntries(
            Map.entry("deployment.enforce_parameter_schema", true),
            Map.entry("deployment.pull_steps", List.of()),
            Map.entry("deployment.parameter_openapi_schema", Map.of()),
            Map.entry("deployment_schedule.active", true),
            Map.entry("automation.enabled", true),
            Map.entry("automation.description", ""),
            Map.entry("automation_event_follower.scope", ""),
            Map.entry("concurrency_limit_v2.active", true),
            Map.entry("concurrency_limit_v2.active_slots", 0),
            Map.entry("concurrency_limit_v2.denied_slots", 0),
            Map.entry("concurrency_limit_v2.slot_decay_per_second", 0.0),
            Map.entry("concurrency_limit_v2.avg_slot_occupancy_seconds", 2.0));

    private static final Catalogue CATALOGUE = new Catalogue();
    private static SqlSchema postgres;
    private static SqlSchema sqlite;

    record Mapped(Field field, String column, boolean quoted, boolean nullable) {
    }

    @BeforeAll
    static void loadSchemas() {
        postgres = SqlSchema.load("postgresql");
        sqlite = SqlSchema.load("sqlite");
    }

    static Stream<Class<? extends OrmModel>> contracts() {
        return CATALOGUE.entities().keySet().stream();
    }

    private static Class<?> entity(Class<? extends OrmModel> contract) {
        return CATALOGUE.entities().get(contract);
    }

    private static String table(Class<? extends OrmModel> contract) {
        try {
            return (String) contract.getField("TABLE").get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(contract + " has no TABLE constant", e);
        }
    }

    private static List<Mapped> columns(Class<?> entity) {
        List<Mapped> columns = new ArrayList<>();
        for (Class<?> type = entity; type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                Column column = field.getAnnotation(Column.class);
                if (column != null) {
                    String name = column.name();
                    columns.add(new Mapped(field, name.replace("\"", ""), name.startsWith("\""), column.nullable()));
                }
            }
        }
        return columns;
    }

    @Test
    void catalogueCoversEveryTableOfTheSchema() {
        Set<String> mapped = new TreeSet<>();
        contracts().forEach(contract -> mapped.add(table(contract)));
        for (SqlSchema schema : List.of(postgres, sqlite)) {
            Set<String> tables = new TreeSet<>(schema.tables.keySet());
            tables.removeAll(MIGRATION_ONLY_TABLES);
            assertThat(mapped).as(schema.dialect).isEqualTo(tables);
        }
        assertThat(CATALOGUE.entities()).hasSize(OrmModel.class.getPermittedSubclasses().length);
        assertThat(CATALOGUE.commitOrder()).containsExactlyElementsOf(CATALOGUE.entities().values());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void namesMatchTheContract(Class<? extends OrmModel> contract) {
        Class<?> entity = entity(contract);
        assertThat(entity.getAnnotation(Entity.class)).isNotNull();
        assertThat(entity.getAnnotation(Entity.class).name()).isEqualTo(contract.getSimpleName());
        assertThat(entity.getAnnotation(Table.class).name()).isEqualTo(table(contract));
        assertThat(contract).isAssignableFrom(entity);
        assertThat(entity.getSimpleName()).isEqualTo(contract.getSimpleName() + "Entity");
        assertThat(Modifier.isPublic(entity.getModifiers()) && !Modifier.isAbstract(entity.getModifiers())).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void mapsExactlyTheColumnsOfItsTableInBothDialects(Class<? extends OrmModel> contract) {
        String table = table(contract);
        List<Mapped> mapped = columns(entity(contract));
        Set<String> mappedNames = new TreeSet<>();
        mapped.forEach(m -> assertThat(mappedNames.add(m.column())).as("%s mapped twice", m.column()).isTrue());
        for (SqlSchema schema : List.of(postgres, sqlite)) {
            Set<String> expected = new TreeSet<>(schema.tables.get(table).keySet());
            expected.removeIf(column -> MIGRATION_ONLY_COLUMNS.contains(table + "." + column));
            assertThat(mappedNames).as("columns of %s (%s)", table, schema.dialect).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void matchesNullabilityQuotingAndTypesInBothDialects(Class<? extends OrmModel> contract) {
        String table = table(contract);
        SoftAssertions soft = new SoftAssertions();
        for (Mapped m : columns(entity(contract))) {
            String where = table + "." + m.column();
            for (SqlSchema schema : List.of(postgres, sqlite)) {
                SqlSchema.Column column = schema.tables.get(table).get(m.column());
                if (column == null) {
                    continue; // reported by mapsExactlyTheColumnsOfItsTableInBothDialects
                }
                soft.assertThat(!m.nullable()).as("NOT NULL of %s (%s)", where, schema.dialect).isEqualTo(column.notNull());
                soft.assertThat(m.quoted()).as("quoting of %s (%s)", where, schema.dialect).isEqualTo(column.quoted());
                String problem = typeProblem(schema, column, m.field());
                soft.assertThat(problem).as("Java type of %s (%s %s)", where, schema.dialect, column.type()).isNull();
            }
        }
        soft.assertAll();
    }

    private static final Map<Class<?>, Class<?>> BOXES = Map.of(int.class, Integer.class, short.class, Short.class,
            boolean.class, Boolean.class, double.class, Double.class);

    private static String typeProblem(SqlSchema schema, SqlSchema.Column column, Field field) {
        Class<?> type = field.getType();
        String sqlType = column.type();
        boolean converted = field.getAnnotation(Convert.class) != null;
        if (sqlType.equals("jsonb") || sqlType.equals("json")) {
            return converted ? null : "a JSON column needs a converter";
        }
        if (converted && type != Duration.class) {
            return "only JSON and interval columns are converted";
        }
        Class<?> expected;
        if (schema.enumTypes.containsKey(sqlType) || sqlType.matches("varchar\\(\\d+\\)") && type.isEnum()) {
            Enumerated enumerated = field.getAnnotation(Enumerated.class);
            if (!type.isEnum() || enumerated == null || enumerated.value() != EnumType.STRING) {
                return "an enum column needs a Java enum mapped @Enumerated(STRING)";
            }
            List<String> names = Arrays.stream(type.getEnumConstants()).map(e -> ((Enum<?>) e).name()).toList();
            if (schema.enumTypes.containsKey(sqlType) && !names.equals(schema.enumTypes.get(sqlType))) {
                return "enum " + type.getSimpleName() + names + " differs from " + schema.enumTypes.get(sqlType);
            }
            int width = sqlType.startsWith("varchar(") ? Integer.parseInt(sqlType.replaceAll("\\D", "")) : Integer.MAX_VALUE;
            return names.stream().allMatch(n -> n.length() <= width) ? null : "an enum value is wider than " + sqlType;
        }
        switch (sqlType) {
            case "uuid", "char(36)" -> expected = UUID.class;
            case "timestamp with time zone" -> expected = Instant.class;
            case "interval" -> expected = Duration.class;
            case "datetime" -> expected = type == Duration.class ? Duration.class : Instant.class;
            case "varchar", "text" -> expected = String.class;
            case "integer" -> expected = int.class;
            case "smallint" -> expected = short.class;
            case "boolean" -> expected = boolean.class;
            case "double precision", "float" -> expected = double.class;
            default -> {
                return "unknown SQL type " + sqlType;
            }
        }
        if (BOXES.containsKey(expected) && !column.notNull()) {
            expected = BOXES.get(expected); // nullable: boxed
        }
        return type == expected ? null : "is " + type.getSimpleName() + ", expected " + expected.getSimpleName();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void hasNoRelationshipsAndRegistersItsConverters(Class<? extends OrmModel> contract) {
        for (Class<?> type = entity(contract); type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                assertThat(Stream.of(ManyToOne.class, OneToMany.class, OneToOne.class, ManyToMany.class,
                        ElementCollection.class).filter(field::isAnnotationPresent).toList())
                        .as("relationship on %s", field).isEmpty();
                Convert convert = field.getAnnotation(Convert.class);
                if (convert != null) {
                    assertThat(CATALOGUE.managedClasses()).as("converter of %s", field).contains(convert.converter());
                    // JSON values are mutable (maps, lists, trees): without @Mutable EclipseLink keeps no copy to
                    // compare against, and a value changed in place is silently not written.
                    assertThat(field.isAnnotationPresent(Mutable.class))
                            .as("%s is @Mutable", field).isEqualTo(convert.converter() != IntervalConverter.class);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void hasPublicAccessorsAndTruncatesTimestampsToMicroseconds(Class<? extends OrmModel> contract) throws Exception {
        Class<?> entity = entity(contract);
        Object row = entity.getConstructor().newInstance();
        Instant precise = Instant.parse("2024-02-29T23:59:59.123456789Z");
        for (Mapped m : columns(entity)) {
            Field field = m.field();
            String base = field.getName();
            boolean isPrefixed = field.getType() == boolean.class && base.matches("is[A-Z].*");
            String property = isPrefixed ? base.substring(2) : Character.toUpperCase(base.charAt(0)) + base.substring(1);
            String getterName = field.getType() == boolean.class ? "is" + property : "get" + property;
            Method getter = entity.getMethod(getterName);
            Method setter = entity.getMethod("set" + property, field.getType());
            assertThat(getter.getReturnType()).as("getter of %s", field).isEqualTo(field.getType());
            if (field.getType() == Instant.class) {
                setter.invoke(row, precise);
                assertThat(getter.invoke(row)).as("%s keeps microseconds", field)
                        .isEqualTo(Instant.parse("2024-02-29T23:59:59.123456Z"));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void startsWithTheDefaultsOfTheReference(Class<? extends OrmModel> contract) throws Exception {
        String table = table(contract);
        Object row = entity(contract).getConstructor().newInstance();
        SoftAssertions soft = new SoftAssertions();
        for (Mapped m : columns(entity(contract))) {
            String where = table + "." + m.column();
            SqlSchema.Column column = postgres.tables.get(table).get(m.column());
            Field field = m.field();
            field.setAccessible(true);
            Object value = field.get(row);
            if (CLIENT_DEFAULTS.containsKey(where)) {
                Object expected = CLIENT_DEFAULTS.get(where);
                Object actual = field.getAnnotation(Convert.class) != null ? Json.mapper().convertValue(value, Object.class) : value;
                soft.assertThat(actual).as("client default of %s", where).isEqualTo(expected);
            } else if (column.defaultValue() != null) {
                soft.assertThat(defaultProblem(column, field, value)).as("server default of %s (%s)", where,
                        column.defaultValue()).isNull();
            } else if (!column.notNull()) {
                soft.assertThat(value).as("%s is nullable without a default", where).isNull();
            }
        }
        soft.assertAll();
    }

    private static String defaultProblem(SqlSchema.Column column, Field field, Object value) throws Exception {
        String serverDefault = column.defaultValue();
        if (value == null) {
            return "is null";
        }
        String literal = serverDefault.replaceAll("::\\w+$", "");
        if (literal.equals("now()") || literal.equals("gen_random_uuid()")) {
            return null; // any value: the entity assigns its own time or id
        }
        Convert convert = field.getAnnotation(Convert.class);
        if (column.type().startsWith("json")) {
            @SuppressWarnings("unchecked")
            AttributeConverter<Object, String> converter =
                    (AttributeConverter<Object, String>) convert.converter().getConstructor().newInstance();
            JsonNode written = withoutNulls(Json.tree(converter.convertToDatabaseColumn(value), "test"));
            JsonNode expected = Json.tree(literal.replaceAll("^'(.*)'$", "$1"), "test");
            return written.equals(expected) ? null : "writes " + written + ", expected " + expected;
        }
        Object expected;
        if (value instanceof Boolean) {
            expected = Boolean.valueOf(literal);
        } else if (value instanceof Integer) {
            expected = Integer.valueOf(literal);
        } else if (value instanceof Duration) {
            expected = Duration.ofSeconds(Long.parseLong(literal.replace("'", "")));
        } else if (value instanceof Enum<?> e) {
            return e.name().equals(literal.replace("'", "")) ? null : "is " + e.name();
        } else {
            expected = literal.replaceAll("^'(.*)'$", "$1");
        }
        return expected.equals(value) ? null : "is " + value + ", expected " + expected;
    }

    /** Typed values write their absent fields as null; the server default {} has none. */
    private static JsonNode withoutNulls(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).deepCopy();
            List<String> nulls = new ArrayList<>();
            node.properties().forEach(entry -> {
                if (entry.getValue().isNull()) {
                    nulls.add(entry.getKey());
                }
            });
            copy.remove(nulls);
            return copy;
        }
        return node;
    }

    @Test
    void commitOrderPutsEveryReferencedTableFirst() {
        Map<String, Integer> position = new LinkedHashMap<>();
        for (Class<?> entity : CATALOGUE.commitOrder()) {
            position.put(entity.getAnnotation(Table.class).name(), position.size());
        }
        SoftAssertions soft = new SoftAssertions();
        int checked = 0;
        for (SqlSchema schema : List.of(postgres, sqlite)) {
            for (SqlSchema.ForeignKey fk : schema.foreignKeys) {
                String where = fk.table() + "." + fk.column();
                if (fk.deferred() || ORDER_EXCEPTIONS.contains(where) || MIGRATION_ONLY_TABLES.contains(fk.table())) {
                    continue;
                }
                checked++;
                soft.assertThat(position.get(fk.referencedTable()))
                        .as("%s -> %s (%s): the referenced table must be committed first", where, fk.referencedTable(),
                                schema.dialect)
                        .isLessThan(position.get(fk.table()));
            }
        }
        soft.assertAll();
        assertThat(checked).isGreaterThan(40);
    }

    @Test
    void theOrderExceptionsAreRealCycles() {
        // If a schema change made one of these deferred or removed it, the exception list must shrink.
        for (String exception : ORDER_EXCEPTIONS) {
            String[] parts = exception.split("\\.");
            assertThat(postgres.foreignKeys).anySatisfy(fk -> {
                assertThat(fk.table()).isEqualTo(parts[0]);
                assertThat(fk.column()).isEqualTo(parts[1]);
                assertThat(fk.deferred()).isFalse();
            });
        }
    }
}
