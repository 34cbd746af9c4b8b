package io.stratum.api.model;

/** A row of table {@code block_type}. */
public non-sealed interface BlockType extends OrmModel {
    /** The table name, exactly as in the reference schema. */
    String TABLE = "block_type";

    String getName();

    String getSlug();

    boolean isProtected();
}
