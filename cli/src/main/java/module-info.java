/**
 * The {@code stratum} command line: schema operations on a Stratum database
 * ({@code stratum database upgrade|downgrade|reset|stamp|current|history|check|clean}).
 *
 * <p>Requires only the api. The model catalogue, the migration engine and the dialects are bound as
 * services of {@code io.stratum.api}, so a deployment chooses its databases by which dialect modules
 * it puts on the module path (the distribution's {@code dialects/} folders).
 */
module io.stratum.cli {
    requires io.stratum.api;
    requires info.picocli;
    requires java.logging;

    exports io.stratum.cli;

    // `stratum --version` lists the dialects installed in the deployment.
    uses io.stratum.api.spi.DialectProvider;

    // picocli sets the annotated option fields and instantiates the commands reflectively.
    opens io.stratum.cli.internal to info.picocli;
}
