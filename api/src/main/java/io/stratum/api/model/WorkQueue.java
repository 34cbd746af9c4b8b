package io.stratum.api.model;

import io.stratum.api.Api;
import java.util.UUID;

/** A row of table {@code work_queue}. */
@Api(Api.Status.STABLE)
public non-sealed interface WorkQueue extends OrmModel {
    /** The table name, exactly as in the reference schema. */
    String TABLE = "work_queue";

    String getName();

    boolean isPaused();

    int getPriority();

    WorkQueueStatus getStatus();

    UUID getWorkPoolId();
}
