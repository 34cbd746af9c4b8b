package io.stratum.api.spi;

import java.util.Optional;

/** What differs between databases when events are written in bulk (reference §4.34 write path). */
public interface BulkWriteSql extends DialectSpecific {

    /**
     * Appended to a multi-row {@code INSERT INTO events (…) VALUES …} so it skips ids already stored and
     * returns the ids it inserted (PostgreSQL {@code ON CONFLICT (id) DO NOTHING RETURNING id}). Empty
     * where the reference looks the stored ids up first instead (SQLite).
     */
    Optional<String> insertEventsSkippingStoredReturningIds();
}
