/**
 * Service interfaces for the modules that plug into the api: {@link
 * io.stratum.api.spi.DialectProvider} (the one service a dialect module provides) and the parts it
 * hands out (storage values, transaction locks, polling, bulk-write and helper SQL), the model
 * catalogue, the migration engine and the query components factory, plus the schema-description values
 * they exchange.
 *
 * <p>Not for applications: they call {@code io.stratum.api}. Not here: any implementation.
 */
package io.stratum.api.spi;
