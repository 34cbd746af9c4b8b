package io.stratum.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Observes one upgrade, downgrade or stamp while it runs, for progress output. Every method is called on
 * the migrating thread; each has a no-op default. Only what this caller does is reported: revisions
 * applied by another process while this one waited for the lock appear in {@link #planned}'s
 * {@code current}, never as applied.
 */
@Api(Api.Status.STABLE)
public interface MigrationListener {

    /** Reports nothing. */
    MigrationListener NONE = new MigrationListener() {
    };

    /**
     * Another process holds the migration lock; called when the wait begins and then every few seconds
     * until the lock is taken or {@link DatabaseSettings#lockTimeout()} runs out.
     *
     * @param holder  who holds it (host, process id, since when), as far as the database tells
     * @param waited  how long this caller has waited so far
     * @param timeout the {@code lock_timeout} it waits at most
     */
    default void waitingForLock(String holder, Duration waited, Duration timeout) {
    }

    /**
     * The lock is held and the history was read under it: the operation will now apply (or revert)
     * {@code revisions}, in order; empty when there is nothing to do.
     *
     * @param current   the revision the database was at when the lock was taken (empty: base)
     * @param revisions what this caller will apply or revert, in order
     * @param waitedFor the holder this caller waited for before taking the lock, if it waited
     */
    default void planned(Optional<String> current, List<Revision> revisions, Optional<String> waitedFor) {
    }

    /** A revision was applied and committed; {@code index} counts from 1 up to {@code count}. */
    default void applied(Revision revision, Duration took, int index, int count) {
    }

    /** A revision was reverted and committed; {@code index} counts from 1 up to {@code count}. */
    default void reverted(Revision revision, Duration took, int index, int count) {
    }
}
