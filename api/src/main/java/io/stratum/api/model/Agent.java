package io.stratum.api.model;

import io.stratum.api.Api;
import java.util.UUID;

/** A row of table {@code agent}. */
@Api(Api.Status.STABLE)
public non-sealed interface Agent extends OrmModel {
    /** The table name, exactly as in the reference schema. */
    String TABLE = "agent";

    String getName();

    UUID getWorkQueueId();
}
