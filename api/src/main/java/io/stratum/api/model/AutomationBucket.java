package io.stratum.api.model;

import java.util.UUID;

/** A row of table {@code automation_bucket}. */
public non-sealed interface AutomationBucket extends OrmModel {
    /** The table name, exactly as in the reference schema. */
    String TABLE = "automation_bucket";

    UUID getAutomationId();

    UUID getTriggerId();
}
