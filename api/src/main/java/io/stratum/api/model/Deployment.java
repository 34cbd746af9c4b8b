package io.stratum.api.model;

import io.stratum.api.Api;
import java.util.UUID;

/** A row of table {@code deployment}. */
@Api(Api.Status.STABLE)
public non-sealed interface Deployment extends OrmModel {
    /** The table name, exactly as in the reference schema. */
    String TABLE = "deployment";

    String getName();

    DeploymentStatus getStatus();

    UUID getFlowId();

    boolean isPaused();
}
