package io.stratum.api.spi;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.query.QueryComponents;

/** Builds the query components of one database interface; provided by {@code stratum-orm-models}. */
public interface QueryComponentsFactory {

    QueryComponents create(DatabaseInterface database);
}
