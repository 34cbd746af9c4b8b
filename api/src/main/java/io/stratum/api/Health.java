package io.stratum.api;

import java.time.Duration;
import java.util.Optional;

/**
 * A readiness answer ({@link DatabaseInterface#health()}): whether the database answered, where its schema
 * stands against this build, and the pool's figures.
 *
 * @param reachable whether a connection was opened and answered within {@code connection_timeout}
 * @param schema    the schema revision status (current, newest, UP_TO_DATE / BEHIND / AHEAD / UNKNOWN_REVISION);
 *                  empty when unreachable or when {@code stratum-migrations} is not installed
 * @param pool      the pool's figures at the time of the check
 * @param failure   why it is not reachable, or why the schema could not be read: the error's message, its
 *                  password and URL credentials removed; empty when both answered
 * @param took      how long the check took
 * @param readReplica with {@code read_url} set: whether the read replica answered, and its pool's figures;
 *                  empty without one. It does not decide {@link #ready()}: a replica that is down fails
 *                  read-only sessions only, and the probe says so here.
 */
@Api(Api.Status.EXPERIMENTAL)
public record Health(boolean reachable, Optional<SchemaStatus> schema, PoolStatistics pool, Optional<String> failure,
                     Duration took, Optional<ReadReplica> readReplica) {

    /** Without a read replica. */
    public Health(boolean reachable, Optional<SchemaStatus> schema, PoolStatistics pool, Optional<String> failure,
                  Duration took) {
        this(reachable, schema, pool, failure, took, Optional.empty());
    }

    /**
     * The read replica of {@code read_url} at the time of the check.
     *
     * @param reachable whether a connection to it opened and answered within {@code connection_timeout}
     * @param pool      the figures of its pool (the one read-only sessions use)
     * @param failure   why it is not reachable, without the password; empty when it answered
     */
    @Api(Api.Status.EXPERIMENTAL)
    public record ReadReplica(boolean reachable, PoolStatistics pool, Optional<String> failure) {
    }

    /**
     * Ready to serve: reachable, and the schema up to date (or not checked because {@code stratum-migrations}
     * is not installed).
     */
    public boolean ready() {
        return reachable && schema.map(s -> s.state() == SchemaStatus.State.UP_TO_DATE).orElse(failure.isEmpty());
    }
}
