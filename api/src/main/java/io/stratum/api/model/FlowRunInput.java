package io.stratum.api.model;

import io.stratum.api.Api;
import java.util.UUID;

/** A row of table {@code flow_run_input}. */
@Api(Api.Status.STABLE)
public non-sealed interface FlowRunInput extends OrmModel {
    /** The table name, exactly as in the reference schema. */
    String TABLE = "flow_run_input";

    UUID getFlowRunId();

    String getKey();
}
