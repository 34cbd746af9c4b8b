package io.stratum.api.model;

import io.stratum.api.Api;
import java.util.UUID;

/** A row of table {@code artifact_collection}. */
@Api(Api.Status.STABLE)
public non-sealed interface ArtifactCollection extends OrmModel {
    /** The table name, exactly as in the reference schema. */
    String TABLE = "artifact_collection";

    String getKey();

    UUID getLatestId();
}
