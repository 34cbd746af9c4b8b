package io.stratum.queries.internal;

import io.stratum.orm.model.BaseEntity;
import io.stratum.orm.types.Timestamps;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code INSERT … ON CONFLICT} of an entity, written exactly as EclipseLink would write it, and the read
 * of the row that ends up stored under the key. Shared by both databases: PostgreSQL and SQLite (3.24+)
 * speak the same upsert syntax; only value binding differs, and that is the dialect's.
 */
final class Upserts {
    private final EntityTable.Cache tables;

    Upserts(EntityTable.Cache tables) {
        this.tables = tables;
    }

    EntityTable table(EntityManager session, Object entity) {
        return tables.of(session, entity.getClass());
    }

    /** Requires a new entity of one of the model's entity classes. */
    static <E> E requireNew(EntityManager session, Object entity, Class<E> entityClass, String factory) {
        if (!entityClass.isInstance(entity)) {
            throw new IllegalArgumentException("Expected a new " + entityClass.getName() + " (" + factory + "), not "
                    + (entity == null ? "null" : entity.getClass().getName()) + ".");
        }
        if (session != null && session.isOpen() && session.contains(entity)) {
            throw new IllegalArgumentException(entity + " is already persisted in this session; pass a new object.");
        }
        return entityClass.cast(entity);
    }

    /** Plain INSERT of every mapped column. */
    void insert(TransactionSql sql, EntityManager session, Object entity) {
        EntityTable table = table(session, entity);
        List<EntityTable.Column> columns = table.columns();
        sql.update(table.insertSql(columns), table.values(columns, entity, session).toArray());
    }

    /**
     * Inserts the entity unless a row with the same key exists. With {@code updateColumns} null such a row is
     * kept as it is; otherwise it gets those columns (possibly none) and {@code updated} = now, which
     * ON CONFLICT DO UPDATE would not set on its own.
     *
     * @return rows written: 1 when inserted or updated, 0 when an existing row was kept
     */
    int upsert(TransactionSql sql, EntityManager session, BaseEntity entity, List<String> keyColumns,
               List<String> updateColumns) {
        EntityTable table = table(session, entity);
        List<EntityTable.Column> columns = table.columns();
        StringBuilder statement = new StringBuilder(table.insertSql(columns)).append(" ON CONFLICT (");
        for (int i = 0; i < keyColumns.size(); i++) {
            statement.append(i == 0 ? "" : ", ").append(table.column(keyColumns.get(i)).sql());
        }
        statement.append(")");
        if (updateColumns == null) {
            statement.append(" DO NOTHING");
        } else {
            entity.setUpdated(Timestamps.now());
            statement.append(" DO UPDATE SET ");
            List<String> set = new ArrayList<>(updateColumns);
            if (!set.contains("updated")) {
                set.add("updated");
            }
            for (int i = 0; i < set.size(); i++) {
                String column = table.column(set.get(i)).sql();
                statement.append(i == 0 ? "" : ", ").append(column).append(" = excluded.").append(column);
            }
        }
        return sql.update(statement.toString(), table.values(columns, entity, session).toArray());
    }

    /**
     * The stored row with the entity's key, read fresh in the caller's session (also when an older copy is
     * already managed there). A key with a NULL never collides, so such an entity is read by its own id.
     */
    <E extends BaseEntity> E load(EntityManager session, E entity, List<String> keyColumns) {
        EntityTable table = table(session, entity);
        List<Object> keys = new ArrayList<>();
        StringBuilder jpql = new StringBuilder("SELECT e FROM ").append(table.entityName()).append(" e WHERE ");
        for (int i = 0; i < keyColumns.size(); i++) {
            EntityTable.Column column = table.column(keyColumns.get(i));
            Object value = column.mapping().getAttributeValueFromObject(entity);
            if (value == null) {
                return loadById(session, entity);
            }
            keys.add(value);
            jpql.append(i == 0 ? "" : " AND ").append("e.").append(column.attribute()).append(" = :k").append(i);
        }
        @SuppressWarnings("unchecked")
        Class<E> type = (Class<E>) entity.getClass();
        TypedQuery<E> query = session.createQuery(jpql.toString(), type)
                .setHint("eclipselink.refresh", "true");
        for (int i = 0; i < keys.size(); i++) {
            query.setParameter("k" + i, keys.get(i));
        }
        List<E> rows = query.getResultList();
        if (rows.isEmpty()) {
            throw new IllegalStateException("No " + table.table() + " row with key " + keyColumns + " = " + keys
                    + " right after writing it.");
        }
        return rows.get(0);
    }

    <E extends BaseEntity> E loadById(EntityManager session, E entity) {
        @SuppressWarnings("unchecked")
        Class<E> type = (Class<E>) entity.getClass();
        E row = session.find(type, entity.getId(), java.util.Map.of("eclipselink.refresh", "true"));
        return Objects.requireNonNull(row, () -> "No row with id " + entity.getId() + " right after writing it.");
    }
}
