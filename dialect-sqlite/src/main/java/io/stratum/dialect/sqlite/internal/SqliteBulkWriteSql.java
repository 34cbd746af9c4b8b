package io.stratum.dialect.sqlite.internal;

import io.stratum.api.spi.BulkWriteSql;

/**
 * Embedded: no round trips to save, so one prepared single-row INSERT run as a JDBC batch, which
 * SQLite parses once (multi-row INSERTs ran at 0.62× of that in docs/benchmarks.md).
 */
public final class SqliteBulkWriteSql implements BulkWriteSql {

    @Override
    public RowStatements rowStatements() {
        return RowStatements.BATCHED_SINGLE_ROW;
    }
}
