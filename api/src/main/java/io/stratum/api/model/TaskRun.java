package io.stratum.api.model;

import io.stratum.api.Api;
import java.util.UUID;

/** A row of table {@code task_run}. */
@Api(Api.Status.STABLE)
public non-sealed interface TaskRun extends OrmModel {
    /** The table name, exactly as in the reference schema. */
    String TABLE = "task_run";

    String getName();

    UUID getFlowRunId();

    String getTaskKey();

    String getDynamicKey();

    UUID getStateId();

    StateType getStateType();

    int getRunCount();
}
