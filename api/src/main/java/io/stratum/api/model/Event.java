package io.stratum.api.model;

import io.stratum.api.Api;
import java.time.Instant;

/** A row of table {@code events}. */
@Api(Api.Status.STABLE)
public non-sealed interface Event extends OrmModel {
    /** The table name, exactly as in the reference schema. */
    String TABLE = "events";

    Instant getOccurred();

    String getEvent();

    String getResourceId();
}
