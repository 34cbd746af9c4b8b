package io.stratum.api.model;

import io.stratum.api.Api;
import java.util.UUID;

/** A row of table {@code block_document}. */
@Api(Api.Status.STABLE)
public non-sealed interface BlockDocument extends OrmModel {
    /** The table name, exactly as in the reference schema. */
    String TABLE = "block_document";

    String getName();

    boolean isAnonymous();

    UUID getBlockTypeId();

    UUID getBlockSchemaId();
}
