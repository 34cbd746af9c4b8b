package io.stratum.api.spi;

import io.stratum.api.Dialect;

/**
 * A service whose implementation differs per database (the SQL of a query component, for example).
 * Each dialect module provides one implementation per such service; the one whose {@link #dialect()}
 * matches the open database is used.
 */
public interface DialectSpecific {

    Dialect dialect();
}
