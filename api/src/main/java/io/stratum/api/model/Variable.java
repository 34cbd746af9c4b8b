package io.stratum.api.model;

/** A row of table {@code variable}. */
public non-sealed interface Variable extends OrmModel {
    /** The table name, exactly as in the reference schema. */
    String TABLE = "variable";

    String getName();
}
