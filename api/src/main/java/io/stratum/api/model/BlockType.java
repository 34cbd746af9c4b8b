package io.stratum.api.model;

import io.stratum.api.Api;

/** A row of table {@code block_type}. */
@Api(Api.Status.STABLE)
public non-sealed interface BlockType extends OrmModel {
    /** The table name, exactly as in the reference schema. */
    String TABLE = "block_type";

    String getName();

    String getSlug();

    boolean isProtected();
}
