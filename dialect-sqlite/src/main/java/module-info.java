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
}
