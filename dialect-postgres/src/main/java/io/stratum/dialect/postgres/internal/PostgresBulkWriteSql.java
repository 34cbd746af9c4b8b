package io.stratum.dialect.postgres.internal;

import io.stratum.api.Dialect;
import io.stratum.api.spi.BulkWriteSql;
import java.util.Optional;

/** PostgreSQL skips stored events in the INSERT itself and reports which ones it wrote. */
public final class PostgresBulkWriteSql implements BulkWriteSql {

    @Override
    public Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    @Override
    public Optional<String> insertEventsSkippingStoredReturningIds() {
        return Optional.of(" ON CONFLICT (id) DO NOTHING RETURNING id");
    }
}
