/**
 * PostgreSQL. Exports only the EclipseLink platform package, which EclipseLink instantiates by name;
 * everything else is internal and reached through the provided service.
 */
module io.stratum.dialect.postgres {
    requires io.stratum.api;
    requires org.postgresql.jdbc;
    requires eclipselink;

    exports io.stratum.dialect.postgres.eclipselink;

    provides io.stratum.api.spi.DialectProvider with io.stratum.dialect.postgres.internal.PostgresDialect;
}
