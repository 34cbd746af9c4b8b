package io.stratum.orm.internal.query;

import io.stratum.api.Dialect;
import io.stratum.api.spi.StorageValues;
import io.stratum.api.spi.TransactionLocks;

/** What the hand-written SQL of the query components needs from the dialect module, found once per interface. */
record DialectSql(StorageValues values, TransactionLocks locks) {

    static DialectSql of(Dialect dialect) {
        return new DialectSql(DialectServices.find(StorageValues.class, dialect),
                DialectServices.find(TransactionLocks.class, dialect));
    }
}
