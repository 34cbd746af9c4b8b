package io.stratum.api.model;

import io.stratum.api.Api;
import java.util.EnumSet;
import java.util.Set;

/** Values of the {@code state_type} enum (a native type on PostgreSQL, VARCHAR on SQLite). */
@Api(Api.Status.STABLE)
public enum StateType {
    SCHEDULED, PENDING, RUNNING, COMPLETED, FAILED, CANCELLED, CRASHED, PAUSED, CANCELLING;

    private static final Set<StateType> TERMINAL = EnumSet.of(COMPLETED, CANCELLED, FAILED, CRASHED);

    /** COMPLETED, CANCELLED, FAILED and CRASHED: a run in one of these has ended. */
    public boolean isTerminal() {
        return TERMINAL.contains(this);
    }
}
