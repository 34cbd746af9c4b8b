/**
 * The schema revisions as values for tools and tests ({@link io.stratum.migrations.RevisionScripts})
 * and the names of the migration bookkeeping objects ({@link io.stratum.migrations.Bookkeeping}).
 *
 * <p>Not here: the engine that applies and reverts them (internal, reached through {@code
 * io.stratum.api.spi.MigrationEngine} and {@code db.migrations()}) and any Flyway type.
 */
package io.stratum.migrations;
