package io.stratum.api.model;

import io.stratum.api.Api;
import java.time.Instant;
import java.util.UUID;

/** A row of table {@code task_run_state}. */
@Api(Api.Status.STABLE)
public non-sealed interface TaskRunState extends OrmModel {
    /** The table name, exactly as in the reference schema. */
    String TABLE = "task_run_state";

    UUID getTaskRunId();

    StateType getType();

    String getName();

    Instant getTimestamp();
}
