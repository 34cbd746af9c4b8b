package io.stratum.queries.internal;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.internal.sessions.AbstractSession;
import org.eclipse.persistence.jpa.JpaEntityManager;
import org.eclipse.persistence.mappings.DatabaseMapping;
import org.eclipse.persistence.mappings.foundation.AbstractDirectMapping;

/**
 * The table and columns of an entity class as EclipseLink maps them, so hand-written INSERTs write an
 * entity exactly as EclipseLink would: same column names (quoted where the mapping quotes them), same
 * values after the entity's converters (JSON text, enum names, intervals).
 */
final class EntityTable {
    private final String entityName;
    private final String table;
    private final Map<String, Column> byColumn;

    /**
     * One mapped column: its reference name, its SQL text, the entity attribute it holds, and how that
     * attribute is read (see {@link AttributeReaders}).
     */
    record Column(String name, String sql, String attribute, DatabaseMapping mapping, Function<Object, Object> reader,
                  RecentConversions recent) {

        /**
         * The attribute's value as stored: the attribute itself where the mapping stores it as it is, the
         * converter's earlier answer for an equal attribute of an unchangeable kind (see {@link
         * SameText#unchangeable}), else the converter's. A transition's details are mostly one of a few values,
         * and serialising them with Jackson was an eighth of a single transition's Java (JFR, issue 18).
         */
        Object storedValue(Object attribute, AbstractSession server) {
            AbstractDirectMapping direct = (AbstractDirectMapping) mapping;
            if (direct.getConverter() == null && direct.getNullValue() == null && storedAsItIs(attribute)) {
                return attribute;
            }
            if (attribute == null) {
                return direct.getFieldValue(null, server);
            }
            // Only attributes of a kind kept before are looked up: hashing a mutable tree (a JSON node) that
            // can never be kept would cost more than it saves.
            Object known = attribute.getClass() == recent.kind ? recent.values.get(attribute) : null;
            if (known != null) {
                return known;
            }
            Object value = direct.getFieldValue(attribute, server);
            if (value != null && SameText.unchangeable(attribute)) {
                recent.remember(attribute, value);
            }
            return value;
        }
    }

    /**
     * A column's recent conversions by attribute value, a few dozen at most: a cache of what repeats, not a
     * record of everything seen (values that never repeat, a scheduled time, only pass through).
     */
    static final class RecentConversions {
        private static final int MAX_VALUES = 64;
        private final Map<Object, Object> values = new ConcurrentHashMap<>();
        /** The class of the attributes kept (a column holds one kind of value). */
        private volatile Class<?> kind;

        private void remember(Object attribute, Object value) {
            if (values.size() >= MAX_VALUES || attribute.getClass() != kind) {
                values.clear();
                kind = attribute.getClass();
            }
            values.put(attribute, value);
        }
    }

    private EntityTable(ClassDescriptor descriptor, AbstractSession session) {
        this.entityName = descriptor.getAlias();
        this.table = descriptor.getDefaultTable().getNameDelimited(session.getPlatform());
        Map<String, Column> columns = new LinkedHashMap<>();
        for (DatabaseMapping mapping : descriptor.getMappings()) {
            if (!mapping.isDirectToFieldMapping()) {
                continue;
            }
            Column column = new Column(mapping.getField().getName(),
                    mapping.getField().getNameDelimited(session.getPlatform()), mapping.getAttributeName(), mapping,
                    AttributeReaders.of(descriptor.getJavaClass(), mapping), new RecentConversions());
            columns.put(column.name(), column);
        }
        this.byColumn = Collections.unmodifiableMap(columns);
    }

    /**
     * The tables of one database interface's entities. Mappings belong to one EntityManagerFactory (their
     * value conversion depends on its platform), so each interface's components keep their own.
     */
    static final class Cache {
        private final Map<Class<?>, EntityTable> tables = new ConcurrentHashMap<>();

        EntityTable of(EntityManager session, Class<?> entityClass) {
            return tables.computeIfAbsent(entityClass, type -> {
                AbstractSession server = session.unwrap(JpaEntityManager.class).getServerSession();
                ClassDescriptor descriptor = server.getDescriptor(type);
                if (descriptor == null) {
                    throw new IllegalArgumentException(type.getName() + " is not an entity of this model.");
                }
                return new EntityTable(descriptor, server);
            });
        }
    }

    /** The JPQL entity name. */
    String entityName() {
        return entityName;
    }

    /** The table name as SQL text. */
    String table() {
        return table;
    }

    List<Column> columns() {
        return new ArrayList<>(byColumn.values());
    }

    Column column(String name) {
        Column column = byColumn.get(name);
        if (column == null) {
            throw new IllegalArgumentException("Table " + table + " has no column " + name + ".");
        }
        return column;
    }

    /** The columns not among {@code names}, in mapping order. */
    List<Column> columnsExcept(Set<String> names) {
        List<Column> rest = new ArrayList<>();
        for (Column column : byColumn.values()) {
            if (!names.contains(column.name())) {
                rest.add(column);
            }
        }
        return rest;
    }

    /** Fails naming the names that are not columns of this table. */
    void requireColumns(Set<String> names) {
        Set<String> unknown = new TreeSet<>(names);
        unknown.removeAll(byColumn.keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Table " + table + " has no column(s) " + unknown + ". Its columns are "
                    + byColumn.keySet() + ".");
        }
    }

    /** Every column's value as the entity is written (after its converters), ready for {@code StorageValues.bind}. */
    List<Object> values(List<Column> columns, Object entity, EntityManager session) {
        AbstractSession server = session.unwrap(JpaEntityManager.class).getServerSession();
        List<Object> values = new ArrayList<>(columns.size());
        for (Column column : columns) {
            values.add(column.storedValue(column.reader().apply(entity), server));
        }
        return values;
    }

    /**
     * The values of the given columns of many entities, as {@link #values} gives them, column by column.
     * A value the mapping stores as it is (no converter, a type the dialects bind directly) is taken
     * without asking EclipseLink. An attribute equal to the previous converted one, where equal attributes
     * are written the same way (see {@link SameText}, asked once per converted value), shares that
     * conversion: the runs a scheduler inserts mostly hold the same parameters, tags and policies, each
     * otherwise serialised to JSON once per run. The columns in {@code stored} (by name) take the values
     * given there, already in their stored form.
     */
    List<Object[]> columnValues(List<Column> columns, List<?> entities, EntityManager session,
                                Map<String, Object[]> stored) {
        AbstractSession server = session.unwrap(JpaEntityManager.class).getServerSession();
        requireColumns(stored.keySet());
        List<Object[]> byColumn = new ArrayList<>(columns.size());
        for (Column column : columns) {
            Object[] given = stored.get(column.name());
            if (given != null) {
                byColumn.add(given);
                continue;
            }
            AbstractDirectMapping mapping = (AbstractDirectMapping) column.mapping();
            boolean unconverted = mapping.getConverter() == null && mapping.getNullValue() == null;
            Function<Object, Object> reader = column.reader();
            Object[] values = new Object[entities.size()];
            Object previous = null;
            boolean converted = false;
            boolean previousSameText = false;
            for (int row = 0; row < values.length; row++) {
                Object attribute = reader.apply(entities.get(row));
                if (unconverted && storedAsItIs(attribute)) {
                    values[row] = attribute;
                    continue;
                }
                if (converted && (attribute == previous
                        || previousSameText && attribute != null && attribute.getClass() == previous.getClass()
                        && attribute.equals(previous))) {
                    values[row] = values[row - 1];
                    continue;
                }
                values[row] = mapping.getFieldValue(attribute, server);
                previous = attribute;
                previousSameText = SameText.whenEqual(attribute);
                converted = true;
            }
            byColumn.add(values);
        }
        return byColumn;
    }

    /** Values every dialect binds as the entity holds them, which EclipseLink would pass through unchanged. */
    private static boolean storedAsItIs(Object attribute) {
        return attribute instanceof UUID || attribute instanceof Instant || attribute instanceof String
                || attribute instanceof Boolean || attribute instanceof Integer || attribute instanceof Long;
    }

    /** {@code INSERT INTO table (columns) VALUES (?, …)} for the given columns. */
    String insertSql(List<Column> columns) {
        StringBuilder names = new StringBuilder();
        for (Column column : columns) {
            if (names.length() > 0) {
                names.append(", ");
            }
            names.append(column.sql());
        }
        return "INSERT INTO " + table + " (" + names + ") VALUES (" + TransactionSql.placeholders(columns.size()) + ")";
    }
}
