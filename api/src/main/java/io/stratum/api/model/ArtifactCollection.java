package io.stratum.api.model;

import java.util.UUID;

/** A row of table {@code artifact_collection}. */
public non-sealed interface ArtifactCollection extends OrmModel {
    /** The table name, exactly as in the reference schema. */
    String TABLE = "artifact_collection";

    String getKey();

    UUID getLatestId();
}
