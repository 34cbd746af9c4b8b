package io.stratum.api.model;

import java.util.UUID;

/** A row of table {@code artifact}. */
public non-sealed interface Artifact extends OrmModel {
    /** The table name, exactly as in the reference schema. */
    String TABLE = "artifact";

    String getKey();

    UUID getTaskRunId();

    UUID getFlowRunId();

    String getType();
}
