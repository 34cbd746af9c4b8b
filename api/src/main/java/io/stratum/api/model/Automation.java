package io.stratum.api.model;

/** A row of table {@code automation}. */
public non-sealed interface Automation extends OrmModel {
    /** The table name, exactly as in the reference schema. */
    String TABLE = "automation";

    String getName();

    boolean isEnabled();
}
