package io.stratum.dialect.postgres.internal;

import io.stratum.api.spi.BulkWriteSql;

/** A server: multi-row INSERTs save a round trip per row (1.5× a JDBC batch in docs/benchmarks.md). */
public final class PostgresBulkWriteSql implements BulkWriteSql {

    @Override
    public RowStatements rowStatements() {
        return RowStatements.MULTI_ROW;
    }
}
