package io.stratum.dialect.sqlite.internal;

import io.stratum.api.Dialect;
import io.stratum.api.spi.BulkWriteSql;
import java.util.Optional;

/**
 * As in the reference, SQLite looks the stored event ids up before inserting. That is safe: the writing
 * transaction holds the database write lock, so no other writer can store an id in between.
 */
public final class SqliteBulkWriteSql implements BulkWriteSql {

    @Override
    public Dialect dialect() {
        return Dialect.SQLITE;
    }

    @Override
    public Optional<String> insertEventsSkippingStoredReturningIds() {
        return Optional.empty();
    }
}
