package io.stratum.api.model;

import java.util.UUID;

/** A row of table {@code work_pool}. */
public non-sealed interface WorkPool extends OrmModel {
    /** The table name, exactly as in the reference schema. */
    String TABLE = "work_pool";

    String getName();

    String getType();

    boolean isPaused();

    UUID getDefaultQueueId();

    WorkPoolStatus getStatus();
}
