package io.stratum.api;

import java.time.Duration;

/**
 * The connection pool of one {@link DatabaseInterface} at one moment ({@link DatabaseInterface#poolStatistics()}).
 * Counts since the pool was created; all zero (and {@code max} as configured) before the first session
 * opened it and after {@code close()}. On a single-writer database (SQLite in a file) the figures include
 * the one connection the interface's write transactions share, kept beside the pool: {@code max} is one
 * more than {@code pool_size + max_overflow}, and a write transaction never waits for a pooled connection.
 *
 * @param active        connections lent out now
 * @param idle          connections open in the pool and free
 * @param pending       callers waiting for a connection now
 * @param max           most connections the pool opens ({@code pool_size + max_overflow}, or the dialect's cap)
 * @param acquired      connections lent out so far
 * @param acquireTime   the total time callers waited for them
 * @param timeouts      sessions refused because no connection became free within {@code pool_timeout}
 *                      (each a {@link PoolExhaustedException})
 * @param leaks         connections reported held past {@code leak_timeout}
 */
@Api(Api.Status.EXPERIMENTAL)
public record PoolStatistics(long active, long idle, long pending, long max, long acquired, Duration acquireTime,
                             long timeouts, long leaks) {

    /** A pool that is not open: nothing active, idle or counted. */
    public static PoolStatistics notOpen(long max) {
        return new PoolStatistics(0, 0, 0, max, 0, Duration.ZERO, 0, 0);
    }
}
