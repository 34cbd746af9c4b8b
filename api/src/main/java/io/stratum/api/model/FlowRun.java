package io.stratum.api.model;

import io.stratum.api.Api;
import java.util.UUID;

/** A row of table {@code flow_run}. */
@Api(Api.Status.STABLE)
public non-sealed interface FlowRun extends OrmModel {
    /** The table name, exactly as in the reference schema. */
    String TABLE = "flow_run";

    String getName();

    UUID getFlowId();

    UUID getStateId();

    StateType getStateType();

    String getStateName();

    int getRunCount();
}
