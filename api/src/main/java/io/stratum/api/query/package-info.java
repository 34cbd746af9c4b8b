/**
 * The query components an engine calls inside its sessions ({@link
 * io.stratum.api.query.QueryComponents}: state transitions, idempotent creates, worker polling, bulk
 * writes, concurrency limits, configuration values, query helpers, flow run graphs) and the values they take and return.
 *
 * <p>Not here: their implementation (shared behaviour in the query components module, the SQL that
 * differs per database in the dialect modules, reached through {@link io.stratum.api.spi.DialectProvider}).
 */
package io.stratum.api.query;
