package io.stratum.api.model;

import io.stratum.api.Api;
import java.util.UUID;

/** A row of table {@code automation_related_resource}. */
@Api(Api.Status.STABLE)
public non-sealed interface AutomationRelatedResource extends OrmModel {
    /** The table name, exactly as in the reference schema. */
    String TABLE = "automation_related_resource";

    UUID getAutomationId();

    String getResourceId();
}
