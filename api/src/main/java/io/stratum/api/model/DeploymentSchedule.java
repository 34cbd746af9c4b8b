package io.stratum.api.model;

import io.stratum.api.Api;
import java.util.UUID;

/** A row of table {@code deployment_schedule}. */
@Api(Api.Status.STABLE)
public non-sealed interface DeploymentSchedule extends OrmModel {
    /** The table name, exactly as in the reference schema. */
    String TABLE = "deployment_schedule";

    UUID getDeploymentId();

    boolean isActive();

    String getSlug();
}
