package io.stratum.api.internal;

import io.stratum.api.spi.ColumnType;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.internal.helper.DatabaseField;
import org.eclipse.persistence.mappings.DatabaseMapping;
import org.eclipse.persistence.mappings.foundation.AbstractDirectMapping;
import org.eclipse.persistence.sessions.server.Server;

/**
 * A column as the model maps it, read from EclipseLink's session descriptors (so it is what EclipseLink
 * actually reads and writes, not what the annotations were meant to say).
 *
 * @param entity    the entity name ({@code FlowRun})
 * @param attribute the Java attribute ({@code totalRunTime})
 * @param javaType  the attribute's type
 * @param converted whether a converter (JSON, interval, enum) stands between attribute and column
 */
record MappedColumn(String table, String column, String entity, String attribute, Class<?> javaType,
                    boolean converted, boolean nullable) {

    private static final Map<Class<?>, ColumnType> PLAIN_TYPES = Map.ofEntries(
            Map.entry(UUID.class, ColumnType.UUID), Map.entry(Instant.class, ColumnType.TIMESTAMP),
            Map.entry(OffsetDateTime.class, ColumnType.TIMESTAMP), Map.entry(Duration.class, ColumnType.INTERVAL),
            Map.entry(String.class, ColumnType.TEXT), Map.entry(int.class, ColumnType.INTEGER),
            Map.entry(Integer.class, ColumnType.INTEGER), Map.entry(short.class, ColumnType.SMALLINT),
            Map.entry(Short.class, ColumnType.SMALLINT), Map.entry(boolean.class, ColumnType.BOOLEAN),
            Map.entry(Boolean.class, ColumnType.BOOLEAN), Map.entry(double.class, ColumnType.DOUBLE),
            Map.entry(Double.class, ColumnType.DOUBLE));

    /** Every column mapping of every entity of the factory's persistence unit. */
    static List<MappedColumn> of(EntityManagerFactory factory) {
        List<MappedColumn> columns = new ArrayList<>();
        for (ClassDescriptor descriptor : factory.unwrap(Server.class).getDescriptors().values()) {
            for (DatabaseMapping mapping : descriptor.getMappings()) {
                if (mapping instanceof AbstractDirectMapping) {
                    AbstractDirectMapping direct = (AbstractDirectMapping) mapping;
                    DatabaseField field = direct.getField();
                    columns.add(new MappedColumn(unquoted(field.getTableName().isEmpty()
                            ? descriptor.getTableName() : field.getTableName()), unquoted(field.getName()),
                            descriptor.getAlias(), mapping.getAttributeName(),
                            mapping.getAttributeAccessor().getAttributeClass(), direct.getConverter() != null,
                            field.isNullable()));
                }
            }
        }
        return columns;
    }

    /** {@code Entity.attribute}, as problems name it. */
    String attributePath() {
        return entity + "." + attribute;
    }

    /**
     * What the column must hold for this attribute: enums by name, other converted attributes as JSON
     * (the model converts only JSON values, intervals and enums); {@code null} when the type is unknown.
     */
    ColumnType expectedType() {
        if (javaType.isEnum()) {
            return ColumnType.ENUM;
        }
        ColumnType plain = PLAIN_TYPES.get(javaType);
        if (plain != null) {
            return plain;
        }
        return converted ? ColumnType.JSON : null;
    }

    private static String unquoted(String name) {
        return name.replace("\"", "");
    }
}
