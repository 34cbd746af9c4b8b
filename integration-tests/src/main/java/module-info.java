/**
 * The cross-dialect test suite's fixtures: fresh, isolated databases of each dialect. Test classes
 * are patched into this module and run on the module path.
 */
module io.stratum.it {
    requires transitive io.stratum.api;
    requires transitive io.stratum.orm;
    // Migration tests run their own revisions (RevisionScripts); UpgradeProcess is launched as a separate JVM.
    requires io.stratum.migrations;
    requires java.logging;

    exports io.stratum.it;

    // The suite reads the reference's schema catalogue (foreign keys, unique constraints) to drive its
    // table-driven checks.
    uses io.stratum.api.spi.ModelCatalogue;
    // Dialects names the dialects by the values their providers report.
    uses io.stratum.api.spi.DialectProvider;
}
