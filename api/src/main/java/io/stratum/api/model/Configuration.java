package io.stratum.api.model;

/** A row of table {@code configuration}. */
public non-sealed interface Configuration extends OrmModel {
    /** The table name, exactly as in the reference schema. */
    String TABLE = "configuration";

    String getKey();
}
