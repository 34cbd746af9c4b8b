package io.stratum.api.model;

/** A row of table {@code flow}. */
public non-sealed interface Flow extends OrmModel {
    /** The table name, exactly as in the reference schema. */
    String TABLE = "flow";

    String getName();
}
