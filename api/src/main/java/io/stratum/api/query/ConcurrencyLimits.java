package io.stratum.api.query;

import io.stratum.api.Api;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

/**
 * Global concurrency limits (table {@code concurrency_limit_v2}): slots taken and given back atomically,
 * never above a limit's {@code limit} nor below 0.
 *
 * <p>As in the reference, a limit with {@code slot_decay_per_second > 0} loses occupied slots over time
 * ({@code active_slots} decays by {@code floor(slot_decay_per_second × seconds since updated)}), and
 * {@code denied_slots} decays at {@code slot_decay_per_second}, or at {@code 1 / avg_slot_occupancy_seconds}
 * when there is no decay. Inactive limits do not count slots.
 *
 * <p><b>Leases (a Stratum extension).</b> Unlike the reference, an acquisition returns a lease with an
 * expiry. A holder that crashes never releases its slots; once its lease has expired,
 * {@link #expireLeases} gives them back. Holders working longer than the lease {@link #renew} it.
 * Leases are rows of the extension table {@code concurrency_slot_lease}.
 *
 * <p>Every operation runs in the caller's session and needs an active transaction (it fails otherwise,
 * writing nothing); its effect is committed with the caller's transaction. The limits' rows are locked
 * for the rest of the transaction ({@code FOR UPDATE} on PostgreSQL, in id order so that acquisitions
 * over overlapping sets of limits cannot deadlock; SQLite's write lock), so keep these transactions short.
 */
@Api(Api.Status.EXPERIMENTAL)
public interface ConcurrencyLimits {

    /**
     * The most limit names one {@link #acquire} takes: each is a bind parameter and a locked row. A task
     * names a few (one per tag); 500 stays below the 999 bind parameters Stratum assumes for SQLite.
     */
    int MAX_LIMIT_NAMES = 500;

    /**
     * The most slots one {@link #acquire} takes. A denied acquisition adds its slots to {@code denied_slots}
     * (a 32-bit column): a bound far below its range keeps repeated denials from overflowing it.
     */
    int MAX_SLOTS = 1_000_000;

    /**
     * Takes {@code slots} slots on every active limit named, or on none: when any of them would go above
     * its limit, nothing is taken, each active limit's {@code denied_slots} grows by {@code slots}, and the
     * result is empty. When none of the named limits is active, the lease holds nothing (releasing or
     * renewing it returns false).
     *
     * @param ttl how long the lease lasts unless renewed
     * @throws io.stratum.api.StratumException naming the names no limit has (nothing is written)
     * @throws IllegalArgumentException when {@code slots} is below 1 or above {@value #MAX_SLOTS}, {@code ttl}
     *         is not positive, or no name or more than {@value #MAX_LIMIT_NAMES} names are given
     */
    Optional<SlotLease> acquire(EntityManager session, Collection<String> limitNames, int slots, Duration ttl);

    /**
     * Gives the lease's slots back (never below 0) and folds the time they were held into each limit's
     * {@code avg_slot_occupancy_seconds}, as the reference does on release.
     *
     * @return false when the lease is unknown: already released, or expired and reclaimed
     */
    boolean release(EntityManager session, UUID leaseId);

    /**
     * Extends a lease that has not expired yet to now + {@code ttl}.
     *
     * @return false when the lease is unknown or already expired (its slots may be reclaimed at any time:
     *         acquire again)
     */
    boolean renew(EntityManager session, UUID leaseId, Duration ttl);

    /**
     * Gives back the slots of every lease that expired before {@code now}, and forgets those leases.
     *
     * @return the number of slots given back (summed over limits)
     */
    int expireLeases(EntityManager session, Instant now);
}
