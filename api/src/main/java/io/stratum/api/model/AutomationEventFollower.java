package io.stratum.api.model;

import io.stratum.api.Api;
import java.util.UUID;

/** A row of table {@code automation_event_follower}. */
@Api(Api.Status.STABLE)
public non-sealed interface AutomationEventFollower extends OrmModel {
    /** The table name, exactly as in the reference schema. */
    String TABLE = "automation_event_follower";

    String getScope();

    UUID getLeaderEventId();

    UUID getFollowerEventId();
}
