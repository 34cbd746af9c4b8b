/**
 * SQLite, the embedded default. Exports only the EclipseLink platform package, which EclipseLink
 * instantiates by name; everything else is internal and reached through the provided service.
 */
module io.stratum.dialect.sqlite {
    requires io.stratum.api;
    requires org.xerial.sqlitejdbc;
    requires eclipselink;

    exports io.stratum.dialect.sqlite.eclipselink;

    provides io.stratum.api.spi.DialectProvider with io.stratum.dialect.sqlite.internal.SqliteDialect;
    provides io.stratum.api.spi.StorageValues with io.stratum.dialect.sqlite.internal.SqliteStorageValues;
    provides io.stratum.api.spi.TransactionLocks with io.stratum.dialect.sqlite.internal.SqliteTransactionLocks;
    provides io.stratum.api.spi.PollingSql with io.stratum.dialect.sqlite.internal.SqlitePollingSql;
    provides io.stratum.api.spi.BulkWriteSql with io.stratum.dialect.sqlite.internal.SqliteBulkWriteSql;
    provides io.stratum.api.spi.QueryHelperSql with io.stratum.dialect.sqlite.internal.SqliteQueryHelperSql;
}
