package io.stratum.api.model;

import io.stratum.api.Api;

/** A row of table {@code concurrency_limit_v2}. */
@Api(Api.Status.STABLE)
public non-sealed interface ConcurrencyLimitV2 extends OrmModel {
    /** The table name, exactly as in the reference schema. */
    String TABLE = "concurrency_limit_v2";

    boolean isActive();

    String getName();

    int getLimit();

    int getActiveSlots();
}
