/**
 * PostgreSQL. Exports only the EclipseLink platform package, which EclipseLink instantiates by name,
 * and (to the driver only) the TLS socket factory the driver instantiates by name; everything else is
 * internal and reached through the provided service.
 */
module io.stratum.dialect.postgres {
    requires io.stratum.api;
    requires org.postgresql.jdbc;
    requires eclipselink;

    exports io.stratum.dialect.postgres.eclipselink;
    // The driver instantiates the TLS socket factory by name (sslfactory) for tls_enabled.
    exports io.stratum.dialect.postgres.tls to org.postgresql.jdbc;

    provides io.stratum.api.spi.DialectProvider with io.stratum.dialect.postgres.internal.PostgresDialect;
}
