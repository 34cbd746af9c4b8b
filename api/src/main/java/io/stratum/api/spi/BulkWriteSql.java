package io.stratum.api.spi;

import io.stratum.api.Api;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What differs between databases when logs, events and claimed states are written in bulk
 * (reference §4.34 write path): how rows are best sent. Duplicate events are skipped the same way on
 * both ({@code INSERT … ON CONFLICT (id) DO NOTHING}).
 */
@Api(Api.Status.EXPERIMENTAL)
public interface BulkWriteSql {

    /** The two ways of sending many rows. */
    enum RowStatements {
        /**
         * {@code INSERT … VALUES (…), (…), …}, as many rows per statement as the bind-parameter limit
         * allows: one round trip per statement to a server (PostgreSQL).
         */
        MULTI_ROW,
        /**
         * One prepared single-row {@code INSERT}, executed once per row as a JDBC batch: for an embedded
         * database there are no round trips to save, and the engine parses a multi-row statement (a
         * compound of one-row SELECTs) per slice where a prepared statement is parsed once (SQLite).
         */
        BATCHED_SINGLE_ROW,
        /**
         * Plain rows streamed with the database's bulk-load protocol, one statement per call
         * ({@link #copyRows}: PostgreSQL {@code COPY … FROM STDIN}, about 1.2× multi-row INSERTs in
         * docs/benchmarks.md); rows whose conflicts are skipped, which a COPY cannot do, in
         * {@link #MULTI_ROW} INSERTs.
         */
        COPY
    }

    RowStatements rowStatements();

    /**
     * Loads rows into {@code table} with the bulk-load protocol ({@link RowStatements#COPY} only), in the
     * connection's current transaction. {@code rows} holds {@code valuesPerRow} values per row, in the
     * order of {@code columns} (SQL text), of the types the dialect's {@link StorageValues} binds: UUID,
     * Instant, String (also JSON text), numbers, Boolean, or null.
     */
    default void copyRows(Connection connection, String table, String columns, int valuesPerRow, List<Object> rows)
            throws SQLException {
        throw new UnsupportedOperationException(getClass().getName() + " has no bulk-load protocol: its "
                + "rowStatements() must not be COPY");
    }
}
