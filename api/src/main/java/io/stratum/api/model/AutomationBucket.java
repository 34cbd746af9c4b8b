package io.stratum.api.model;

import io.stratum.api.Api;
import java.util.UUID;

/** A row of table {@code automation_bucket}. */
@Api(Api.Status.STABLE)
public non-sealed interface AutomationBucket extends OrmModel {
    /** The table name, exactly as in the reference schema. */
    String TABLE = "automation_bucket";

    UUID getAutomationId();

    UUID getTriggerId();
}
