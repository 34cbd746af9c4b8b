/**
 * {@link io.stratum.micrometer.StratumMetrics}: the {@code MeterBinder} of one Stratum database interface,
 * with the meter names it publishes.
 */
package io.stratum.micrometer;
