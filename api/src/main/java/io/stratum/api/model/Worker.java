package io.stratum.api.model;

import io.stratum.api.Api;
import java.time.Instant;
import java.util.UUID;

/** A row of table {@code worker}. */
@Api(Api.Status.STABLE)
public non-sealed interface Worker extends OrmModel {
    /** The table name, exactly as in the reference schema. */
    String TABLE = "worker";

    UUID getWorkPoolId();

    String getName();

    Instant getLastHeartbeatTime();

    WorkerStatus getStatus();
}
