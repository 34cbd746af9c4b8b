package io.stratum.api.model;

import io.stratum.api.Api;
import java.util.UUID;

/** A row of table {@code block_schema}. */
@Api(Api.Status.STABLE)
public non-sealed interface BlockSchema extends OrmModel {
    /** The table name, exactly as in the reference schema. */
    String TABLE = "block_schema";

    String getChecksum();

    String getVersion();

    UUID getBlockTypeId();
}
