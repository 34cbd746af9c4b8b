package io.stratum.api.model;

import io.stratum.api.Api;

/** A row of table {@code flow}. */
@Api(Api.Status.STABLE)
public non-sealed interface Flow extends OrmModel {
    /** The table name, exactly as in the reference schema. */
    String TABLE = "flow";

    String getName();
}
