package io.stratum.queries.internal;

import jakarta.persistence.EntityManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Vector;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.internal.databaseaccess.DatabasePlatform;
import org.eclipse.persistence.internal.helper.DatabaseField;
import org.eclipse.persistence.internal.sessions.AbstractSession;
import org.eclipse.persistence.jpa.JpaEntityManager;
import org.eclipse.persistence.queries.ReadObjectQuery;
import org.eclipse.persistence.sessions.DatabaseRecord;

/**
 * Managed entities built from the rows a hand-written statement returned (a write's {@code RETURNING}),
 * so the caller need not read them back with a second statement. The rows go through EclipseLink's own
 * mapping of the entity: the columns are matched to the descriptor's fields by name, each value is read by
 * the dialect's EclipseLink platform as its own reads do, and the descriptor's object builder makes the
 * entity (converters included) and registers it in the session, refreshing a copy the session already
 * held, as a read with the refresh hint would. Columns that are not the entity's are ignored.
 */
final class ReturnedEntities<T> {
    private final Class<T> type;
    private final AbstractSession unitOfWork;
    private final ClassDescriptor descriptor;
    private final DatabasePlatform platform;
    private final ReadObjectQuery building;
    private final int firstColumn;
    private Vector<DatabaseField> fields;
    private int[] columns;
    private int[] columnTypes;

    /** Reads the entity from {@code firstColumn} (1-based) onwards of each row given to {@link #read}. */
    ReturnedEntities(EntityManager session, Class<T> type, int firstColumn) {
        this.type = type;
        this.unitOfWork = (AbstractSession) session.unwrap(JpaEntityManager.class).getActiveSession();
        this.descriptor = unitOfWork.getDescriptor(type);
        if (descriptor == null) {
            throw new IllegalArgumentException(type.getName() + " is not an entity of this model.");
        }
        this.platform = unitOfWork.getPlatform();
        this.building = new ReadObjectQuery(type);
        building.refreshIdentityMapResult();
        building.setSession(unitOfWork);
        building.setDescriptor(descriptor);
        this.firstColumn = firstColumn;
    }

    /** The entity in the current row, or null when the row has none (its primary key is null). */
    T read(ResultSet row) throws SQLException {
        if (fields == null) {
            matchColumns(row.getMetaData());
        }
        Vector<Object> values = new Vector<>(columns.length);
        for (int i = 0; i < columns.length; i++) {
            values.add(platform.getObjectFromResultSet(row, columns[i], columnTypes[i], unitOfWork));
        }
        DatabaseRecord record = new DatabaseRecord(fields, values);
        if (descriptor.getObjectBuilder().extractPrimaryKeyFromRow(record, unitOfWork) == null) {
            return null;
        }
        return type.cast(descriptor.getObjectBuilder().buildObject(building, record, null));
    }

    private void matchColumns(ResultSetMetaData metaData) throws SQLException {
        Map<String, DatabaseField> byName = new HashMap<>();
        for (DatabaseField field : descriptor.getAllFields()) {
            byName.put(field.getName().toLowerCase(Locale.ROOT), field);
        }
        List<ReturnedColumn> matched = new ArrayList<>();
        for (int column = firstColumn; column <= metaData.getColumnCount(); column++) {
            DatabaseField field = byName.remove(metaData.getColumnLabel(column).toLowerCase(Locale.ROOT));
            if (field != null) {
                matched.add(new ReturnedColumn(field, column, metaData.getColumnType(column)));
            }
        }
        if (!byName.isEmpty()) {
            throw new IllegalStateException("The statement returned no " + String.join(", ", byName.keySet())
                    + " for " + type.getSimpleName() + ": return every column of its table.");
        }
        // In the descriptor's field order: a record finds a field at its index at once, and searches
        // (comparing names) only when it is elsewhere, which per mapping per row cost more than the rest
        // of reading the row.
        matched.sort(Comparator.comparingInt(column -> column.field().getIndex()));
        Vector<DatabaseField> ordered = new Vector<>(matched.size());
        columns = new int[matched.size()];
        columnTypes = new int[matched.size()];
        for (int i = 0; i < matched.size(); i++) {
            ordered.add(matched.get(i).field());
            columns[i] = matched.get(i).number();
            columnTypes[i] = matched.get(i).sqlType();
        }
        fields = ordered;
    }

    private record ReturnedColumn(DatabaseField field, int number, int sqlType) {
    }
}
