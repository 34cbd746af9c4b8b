package io.stratum.queries.internal;

import io.stratum.api.spi.BulkWriteSql;
import io.stratum.api.spi.DialectProvider;
import io.stratum.api.spi.PollingSql;
import io.stratum.api.spi.QueryHelperSql;
import io.stratum.api.spi.RetentionSql;
import io.stratum.api.spi.RunGraphSql;
import io.stratum.api.spi.StorageValues;
import io.stratum.api.spi.TransactionLocks;
import io.stratum.api.spi.TransitionSql;

/** What the hand-written SQL of the query components needs from the dialect, taken from its provider once per interface. */
record DialectSql(StorageValues values, TransactionLocks locks, PollingSql polling, BulkWriteSql bulk,
                  QueryHelperSql helpers, RunGraphSql graph, TransitionSql transitions,
                  RetentionSql retention) {

    static DialectSql of(DialectProvider dialect) {
        return new DialectSql(dialect.storageValues(), dialect.transactionLocks(), dialect.pollingSql(),
                dialect.bulkWriteSql(), dialect.queryHelperSql(), dialect.runGraphSql(),
                dialect.transitionSql(), dialect.retentionSql());
    }
}
