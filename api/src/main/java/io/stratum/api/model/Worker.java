package io.stratum.api.model;

import java.time.Instant;
import java.util.UUID;

/** A row of table {@code worker}. */
public non-sealed interface Worker extends OrmModel {
    /** The table name, exactly as in the reference schema. */
    String TABLE = "worker";

    UUID getWorkPoolId();

    String getName();

    Instant getLastHeartbeatTime();

    WorkerStatus getStatus();
}
