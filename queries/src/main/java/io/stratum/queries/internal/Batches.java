package io.stratum.queries.internal;

import io.stratum.api.Dialect;
import java.util.ArrayList;
import java.util.List;

/** Splits bulk statements so none carries more bind parameters than the database accepts. */
final class Batches {
    private Batches() {
    }

    /** Rows of {@code columnsPerRow} parameters that fit one statement (at least 1). */
    static int rowsPerStatement(Dialect dialect, int columnsPerRow) {
        return Math.max(1, dialect.maxQueryParameters() / columnsPerRow);
    }

    /** Consecutive slices of at most {@code size} elements. */
    static <T> List<List<T>> slices(List<T> items, int size) {
        List<List<T>> slices = new ArrayList<>((items.size() + size - 1) / size);
        for (int from = 0; from < items.size(); from += size) {
            slices.add(items.subList(from, Math.min(items.size(), from + size)));
        }
        return slices;
    }

    /** {@code INSERT INTO table (columns) VALUES (row), (row), …} for {@code rows} rows of the given placeholders. */
    static String multiRowInsert(String table, String columns, String rowPlaceholders, int rows) {
        StringBuilder sql = new StringBuilder(64 + rows * (rowPlaceholders.length() + 4));
        sql.append("INSERT INTO ").append(table).append(" (").append(columns).append(") VALUES ");
        for (int i = 0; i < rows; i++) {
            if (i > 0) {
                sql.append(", ");
            }
            sql.append('(').append(rowPlaceholders).append(')');
        }
        return sql.toString();
    }
}
