package io.stratum.dialect.sqlite.internal;

import io.stratum.api.spi.TransactionLocks;
import java.sql.Connection;

/**
 * SQLite has no row locks: a write transaction begins {@code IMMEDIATE} (see {@link SqliteDialect}) and
 * holds the database write lock from its start, so whatever it reads cannot change under it.
 */
public final class SqliteTransactionLocks implements TransactionLocks {

    @Override
    public String forUpdate() {
        return "";
    }

    @Override
    public void lockKey(Connection transaction, long key) {
        // The write lock already serialises every write transaction.
    }
}
