package io.stratum.api.spi;

import io.stratum.api.Api;
import io.stratum.api.DatabaseInterface;
import io.stratum.api.query.QueryComponents;

/** Builds the query components of one database interface; provided by {@code stratum-orm-models}. */
@Api(Api.Status.EXPERIMENTAL)
public interface QueryComponentsFactory {

    /** The components of {@code database}, whose dialect-specific SQL comes from the parts {@code dialect} hands out. */
    QueryComponents create(DatabaseInterface database, DialectProvider dialect);
}
