package io.stratum.api.model;

import io.stratum.api.Api;
import java.time.Instant;
import java.util.UUID;

/** A row of table {@code flow_run_state}. */
@Api(Api.Status.STABLE)
public non-sealed interface FlowRunState extends OrmModel {
    /** The table name, exactly as in the reference schema. */
    String TABLE = "flow_run_state";

    UUID getFlowRunId();

    StateType getType();

    String getName();

    Instant getTimestamp();
}
