package io.stratum.api.model;

import io.stratum.api.Api;
import java.time.Instant;
import java.util.UUID;

/** A row of table {@code event_resources}. */
@Api(Api.Status.STABLE)
public non-sealed interface EventResource extends OrmModel {
    /** The table name, exactly as in the reference schema. */
    String TABLE = "event_resources";

    Instant getOccurred();

    String getResourceId();

    String getResourceRole();

    UUID getEventId();
}
