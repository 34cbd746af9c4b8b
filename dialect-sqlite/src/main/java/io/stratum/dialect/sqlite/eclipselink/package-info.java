/**
 * The EclipseLink platform for SQLite, which EclipseLink lacks; exported only because EclipseLink
 * instantiates it by name ({@link io.stratum.api.Api.Status#INTERNAL}).
 *
 * <p>Not here: the rest of the dialect (pragmas, SQL, schema reading), which is internal and reached
 * through its {@code DialectProvider}.
 */
package io.stratum.dialect.sqlite.eclipselink;
