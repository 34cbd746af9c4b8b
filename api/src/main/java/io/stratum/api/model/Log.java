package io.stratum.api.model;

import java.time.Instant;
import java.util.UUID;

/** A row of table {@code log}. */
public non-sealed interface Log extends OrmModel {
    /** The table name, exactly as in the reference schema. */
    String TABLE = "log";

    String getName();

    short getLevel();

    UUID getFlowRunId();

    UUID getTaskRunId();

    Instant getTimestamp();
}
