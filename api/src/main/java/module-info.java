/**
 * Stratum's database interface: what an orchestration engine programs against.
 *
 * <p>Exports only contracts. The implementation (pool, EntityManagerFactory bootstrap, the
 * per-configuration registry) sits in {@code io.stratum.api.internal}. Dialects, the model catalogue
 * and the migration engine are found through {@link java.util.ServiceLoader}, so a deployment picks
 * its database by which dialect module is on the module path.
 */
module io.stratum.api {
    requires transitive java.sql;
    requires transitive jakarta.persistence;
    requires eclipselink;
    // EclipseLink only `requires static` ASM, but its metadata processing needs it at run time.
    requires org.objectweb.asm;
    requires io.agroal.api;
    // agroal-api loads the pool implementation by name; without this it is not resolved in a plain launch.
    requires io.agroal.pool;

    exports io.stratum.api;
    exports io.stratum.api.model;
    exports io.stratum.api.query;
    exports io.stratum.api.spi;
    // EclipseLink instantiates its session log by name (eclipselink.logging.logger): System.Logger routing.
    exports io.stratum.api.internal.logging to eclipselink;

    uses io.stratum.api.spi.DialectProvider;
    uses io.stratum.api.spi.ModelCatalogue;
    uses io.stratum.api.spi.MigrationEngine;
    uses io.stratum.api.spi.QueryComponentsFactory;
}
