package io.stratum.api.model;

import io.stratum.api.Api;
import java.util.UUID;

/** A row of table {@code work_pool}. */
@Api(Api.Status.STABLE)
public non-sealed interface WorkPool extends OrmModel {
    /** The table name, exactly as in the reference schema. */
    String TABLE = "work_pool";

    String getName();

    String getType();

    boolean isPaused();

    UUID getDefaultQueueId();

    WorkPoolStatus getStatus();
}
