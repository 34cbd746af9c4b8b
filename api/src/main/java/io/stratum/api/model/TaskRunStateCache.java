package io.stratum.api.model;

import io.stratum.api.Api;
import java.util.UUID;

/** A row of table {@code task_run_state_cache}. */
@Api(Api.Status.STABLE)
public non-sealed interface TaskRunStateCache extends OrmModel {
    /** The table name, exactly as in the reference schema. */
    String TABLE = "task_run_state_cache";

    String getCacheKey();

    UUID getTaskRunStateId();
}
