package io.stratum.api.model;

import java.util.UUID;

/** A row of table {@code task_run_state_cache}. */
public non-sealed interface TaskRunStateCache extends OrmModel {
    /** The table name, exactly as in the reference schema. */
    String TABLE = "task_run_state_cache";

    String getCacheKey();

    UUID getTaskRunStateId();
}
