/**
 * Schema revisions of both dialects and the engine that applies and reverts them. Up scripts are
 * Flyway migrations ({@code db/migration/<dialect>/V<n>__<name>.sql}); each has a down script of the
 * same name in {@code db/downgrade/<dialect>/}, which Stratum runs itself (Flyway Community has no undo).
 */
module io.stratum.migrations {
    requires io.stratum.api;
    requires flyway.core;
    requires java.logging;

    // Resource-only folders: opened so Flyway's classpath scanner (in another module) can read them.
    opens db.migration.postgresql;
    opens db.migration.sqlite;
    opens db.downgrade.postgresql;
    opens db.downgrade.sqlite;

    provides io.stratum.api.spi.MigrationEngine with io.stratum.migrations.internal.FlywayMigrationEngine;
}
