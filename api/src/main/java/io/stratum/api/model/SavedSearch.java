package io.stratum.api.model;

/** A row of table {@code saved_search}. */
public non-sealed interface SavedSearch extends OrmModel {
    /** The table name, exactly as in the reference schema. */
    String TABLE = "saved_search";

    String getName();
}
