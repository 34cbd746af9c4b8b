package io.stratum.api.model;

import java.time.Instant;

/** A row of table {@code events}. */
public non-sealed interface Event extends OrmModel {
    /** The table name, exactly as in the reference schema. */
    String TABLE = "events";

    Instant getOccurred();

    String getEvent();

    String getResourceId();
}
