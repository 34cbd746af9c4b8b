package io.stratum.queries.internal;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.query.QueryComponents;
import io.stratum.api.spi.DialectProvider;
import io.stratum.api.spi.QueryComponentsFactory;

/** Provides the query components, implemented over the entities of this module. */
public final class OrmQueryComponentsFactory implements QueryComponentsFactory {
    @Override
    public QueryComponents create(DatabaseInterface database, DialectProvider dialect) {
        return new OrmQueryComponents(database, dialect);
    }
}
