package io.stratum.queries.internal;

import io.stratum.api.Dialect;
import io.stratum.api.spi.BulkWriteSql;
import io.stratum.api.spi.BulkWriteSql.RowStatements;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Inserts many rows of one table the way the database takes them best ({@link RowStatements}): a
 * COPY, multi-row INSERTs under the bind-parameter limit, or a batch of one prepared single-row INSERT.
 * Rows whose stored ids are skipped, or whose placeholders hold expressions, cannot be copied: they go
 * in multi-row INSERTs where plain rows would be copied.
 * Rows come as one flat list of values, {@code parametersPerRow} per row.
 */
final class RowInserts {
    /**
     * No conflict target: on the reference's tables the primary key {@code (id)} is the only unique
     * index this is used on (events), so it skips exactly the stored ids; on PostgreSQL's partitioned
     * form, where the key is {@code (id, occurred)} and no unique index on {@code id} alone can exist, it
     * still works (a target of {@code (id)} would be refused there).
     */
    private static final String SKIP_STORED = " ON CONFLICT DO NOTHING";

    private final Dialect dialect;
    private final DialectSql dialectSql;
    private final RowStatements statements;

    RowInserts(Dialect dialect, DialectSql dialectSql) {
        this.dialect = dialect;
        this.dialectSql = dialectSql;
        this.statements = dialectSql.bulk().rowStatements();
    }

    /**
     * How many plain rows one statement carries: a whole call of at most {@code maxRows} when they are
     * copied, as many as fit the bind-parameter limit in a multi-row INSERT, 1 when rows are batched.
     */
    int rowsPerStatement(int parametersPerRow, int maxRows) {
        return switch (statements) {
            case COPY -> maxRows;
            case MULTI_ROW -> Batches.rowsPerStatement(dialect, parametersPerRow);
            case BATCHED_SINGLE_ROW -> 1;
        };
    }

    /** Inserts every row. */
    void insert(TransactionSql transaction, String table, String columns, String rowPlaceholders, int parametersPerRow,
                List<Object> rows) {
        if (statements == RowStatements.COPY && rowPlaceholders.equals(TransactionSql.placeholders(parametersPerRow))) {
            transaction.copy(table, columns, parametersPerRow, rows);
            return;
        }
        if (statements == RowStatements.BATCHED_SINGLE_ROW) {
            transaction.batch(Batches.multiRowInsert(table, columns, rowPlaceholders, 1), rows, parametersPerRow);
            return;
        }
        int perStatement = Batches.rowsPerStatement(dialect, parametersPerRow) * parametersPerRow;
        for (List<Object> slice : Batches.slices(rows, perStatement)) {
            transaction.update(Batches.multiRowInsert(table, columns, rowPlaceholders, slice.size() / parametersPerRow),
                    slice.toArray());
        }
    }

    /**
     * Inserts the rows whose id (each row's first value) is not stored yet, as one statement each would
     * with {@code ON CONFLICT (id) DO NOTHING}; returns the ids it inserted.
     */
    Set<UUID> insertSkippingStoredIds(TransactionSql transaction, String table, String columns, String rowPlaceholders,
                                      int parametersPerRow, List<Object> rows) {
        Set<UUID> inserted = new HashSet<>();
        if (statements == RowStatements.BATCHED_SINGLE_ROW) {
            int[] counts = transaction.batch(Batches.multiRowInsert(table, columns, rowPlaceholders, 1) + SKIP_STORED,
                    rows, parametersPerRow);
            for (int row = 0; row < counts.length; row++) {
                if (counts[row] > 0) {
                    inserted.add((UUID) rows.get(row * parametersPerRow));
                }
            }
            return inserted;
        }
        int perStatement = Batches.rowsPerStatement(dialect, parametersPerRow) * parametersPerRow;
        for (List<Object> slice : Batches.slices(rows, perStatement)) {
            inserted.addAll(transaction.query(Batches.multiRowInsert(table, columns, rowPlaceholders,
                    slice.size() / parametersPerRow) + SKIP_STORED + " RETURNING id",
                    row -> dialectSql.values().readUuid(row, 1), slice.toArray()));
        }
        return inserted;
    }
}
