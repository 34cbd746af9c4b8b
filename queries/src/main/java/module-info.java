/**
 * The query components behind {@code db.queries()}: state transitions with the reference's run
 * bookkeeping, idempotent creates, worker polling and claiming, bulk log and event writes, leased
 * concurrency slots, the configuration cache and the query helpers. Shared behaviour only, written over
 * the entities of {@code io.stratum.orm}; what differs per database comes from the dialect's
 * {@link io.stratum.api.spi.DialectProvider} parts. Exports nothing: reached through the provided
 * {@link io.stratum.api.spi.QueryComponentsFactory}.
 */
module io.stratum.queries {
    requires io.stratum.api;
    requires io.stratum.orm;
    // Hand-written statements run on the session's own connection and read the entities' mappings.
    requires eclipselink;

    provides io.stratum.api.spi.QueryComponentsFactory with io.stratum.queries.internal.OrmQueryComponentsFactory;
}
