package io.stratum.api.model;

import java.util.UUID;

/** A row of table {@code flow_run_input}. */
public non-sealed interface FlowRunInput extends OrmModel {
    /** The table name, exactly as in the reference schema. */
    String TABLE = "flow_run_input";

    UUID getFlowRunId();

    String getKey();
}
