package io.stratum.api.model;

import io.stratum.api.Api;

/** A row of table {@code variable}. */
@Api(Api.Status.STABLE)
public non-sealed interface Variable extends OrmModel {
    /** The table name, exactly as in the reference schema. */
    String TABLE = "variable";

    String getName();
}
