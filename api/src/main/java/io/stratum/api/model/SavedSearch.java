package io.stratum.api.model;

import io.stratum.api.Api;

/** A row of table {@code saved_search}. */
@Api(Api.Status.STABLE)
public non-sealed interface SavedSearch extends OrmModel {
    /** The table name, exactly as in the reference schema. */
    String TABLE = "saved_search";

    String getName();
}
