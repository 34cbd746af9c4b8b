/**
 * The EclipseLink platform for PostgreSQL, exported only because EclipseLink instantiates it by name
 * ({@link io.stratum.api.Api.Status#INTERNAL}).
 *
 * <p>Not here: the rest of the dialect (connection settings, SQL, schema reading), which is internal and
 * reached through its {@code DialectProvider}.
 */
package io.stratum.dialect.postgres.eclipselink;
