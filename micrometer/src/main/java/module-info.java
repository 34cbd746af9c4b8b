/**
 * Optional Micrometer metrics for Stratum: {@link io.stratum.micrometer.StratumMetrics} binds a database
 * interface's pool figures, query component timings and migrations to a {@code MeterRegistry}. The api
 * module knows nothing of Micrometer; this one adapts its {@code OperationListener} and {@code PoolStatistics}.
 */
module io.stratum.micrometer {
    requires transitive io.stratum.api;
    // Automatic module (Automatic-Module-Name of micrometer-core); MeterBinder and MeterRegistry are in the API.
    requires transitive micrometer.core;

    exports io.stratum.micrometer;
}
