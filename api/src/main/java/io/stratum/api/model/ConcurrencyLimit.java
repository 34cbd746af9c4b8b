package io.stratum.api.model;

import io.stratum.api.Api;

/** A row of table {@code concurrency_limit}. */
@Api(Api.Status.STABLE)
public non-sealed interface ConcurrencyLimit extends OrmModel {
    /** The table name, exactly as in the reference schema. */
    String TABLE = "concurrency_limit";

    String getTag();

    int getConcurrencyLimit();
}
