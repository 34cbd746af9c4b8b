package io.stratum.api.model;

import io.stratum.api.Api;

/** A row of table {@code automation}. */
@Api(Api.Status.STABLE)
public non-sealed interface Automation extends OrmModel {
    /** The table name, exactly as in the reference schema. */
    String TABLE = "automation";

    String getName();

    boolean isEnabled();
}
