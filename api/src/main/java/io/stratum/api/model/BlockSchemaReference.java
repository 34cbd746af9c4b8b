package io.stratum.api.model;

import io.stratum.api.Api;
import java.util.UUID;

/** A row of table {@code block_schema_reference}. */
@Api(Api.Status.STABLE)
public non-sealed interface BlockSchemaReference extends OrmModel {
    /** The table name, exactly as in the reference schema. */
    String TABLE = "block_schema_reference";

    String getName();

    UUID getParentBlockSchemaId();

    UUID getReferenceBlockSchemaId();
}
