package io.stratum.api.model;

import io.stratum.api.Api;

/** A row of table {@code configuration}. */
@Api(Api.Status.STABLE)
public non-sealed interface Configuration extends OrmModel {
    /** The table name, exactly as in the reference schema. */
    String TABLE = "configuration";

    String getKey();
}
