/**
 * Schema revisions of both dialects and the engine that applies and reverts them. Up scripts are
 * Flyway migrations ({@code db/migration/<dialect>/V<n>__<name>.sql}); each has a down script of the
 * same name in {@code db/downgrade/<dialect>/}, which Stratum runs itself (Flyway Community has no undo).
 *
 * <p>Exports {@code io.stratum.migrations}: the revision scripts as a value ({@code RevisionScripts},
 * for tools and tests that run other revisions) and the names of the bookkeeping objects. No Flyway
 * type appears in it.
 */
module io.stratum.migrations {
    requires transitive io.stratum.api;
    requires flyway.core;

    exports io.stratum.migrations;
    // Flyway instantiates its log creator by name (the loggers configuration): System.Logger routing.
    exports io.stratum.migrations.internal.logging to flyway.core;

    // Resource-only folders, read by this module itself (and kept open for tools that scan them).
    opens db.migration.postgresql;
    opens db.migration.sqlite;
    opens db.downgrade.postgresql;
    opens db.downgrade.sqlite;

    provides io.stratum.api.spi.MigrationEngine with io.stratum.migrations.internal.FlywayMigrationEngine;
}
