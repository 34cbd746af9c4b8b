package io.stratum.api.model;

import io.stratum.api.Api;
import java.time.Instant;
import java.util.UUID;

/** A row of table {@code log}. */
@Api(Api.Status.STABLE)
public non-sealed interface Log extends OrmModel {
    /** The table name, exactly as in the reference schema. */
    String TABLE = "log";

    String getName();

    short getLevel();

    UUID getFlowRunId();

    UUID getTaskRunId();

    Instant getTimestamp();
}
