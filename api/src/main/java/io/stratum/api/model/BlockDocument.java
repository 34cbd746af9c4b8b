package io.stratum.api.model;

import java.util.UUID;

/** A row of table {@code block_document}. */
public non-sealed interface BlockDocument extends OrmModel {
    /** The table name, exactly as in the reference schema. */
    String TABLE = "block_document";

    String getName();

    boolean isAnonymous();

    UUID getBlockTypeId();

    UUID getBlockSchemaId();
}
