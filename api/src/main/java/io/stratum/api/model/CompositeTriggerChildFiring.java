package io.stratum.api.model;

import io.stratum.api.Api;
import java.util.UUID;

/** A row of table {@code composite_trigger_child_firing}. */
@Api(Api.Status.STABLE)
public non-sealed interface CompositeTriggerChildFiring extends OrmModel {
    /** The table name, exactly as in the reference schema. */
    String TABLE = "composite_trigger_child_firing";

    UUID getAutomationId();

    UUID getParentTriggerId();

    UUID getChildTriggerId();
}
