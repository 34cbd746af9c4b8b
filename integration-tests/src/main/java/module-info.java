/**
 * The cross-dialect test suite's fixtures: fresh, isolated databases of each dialect. Test classes
 * are patched into this module and run on the module path.
 */
module io.stratum.it {
    requires transitive io.stratum.api;
    requires transitive io.stratum.orm;
    requires java.logging;

    exports io.stratum.it;
}
