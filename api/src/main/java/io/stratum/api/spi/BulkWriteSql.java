package io.stratum.api.spi;

import io.stratum.api.Api;

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
        BATCHED_SINGLE_ROW
    }

    RowStatements rowStatements();
}
