package io.stratum.api.model;

import io.stratum.api.Api;
import java.util.UUID;

/** A row of table {@code artifact}. */
@Api(Api.Status.STABLE)
public non-sealed interface Artifact extends OrmModel {
    /** The table name, exactly as in the reference schema. */
    String TABLE = "artifact";

    String getKey();

    UUID getTaskRunId();

    UUID getFlowRunId();

    String getType();
}
