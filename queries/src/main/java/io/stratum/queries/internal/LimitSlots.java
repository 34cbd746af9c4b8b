package io.stratum.queries.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One {@code concurrency_limit_v2} row as locked, and the reference's slot arithmetic on it: decay of
 * active and denied slots since {@code updated}, and the running average of slot occupancy.
 */
record LimitSlots(UUID id, String name, boolean active, int limit, int activeSlots, int deniedSlots,
                  double slotDecayPerSecond, double avgSlotOccupancySeconds, Instant updated) {
    /** How many recent releases the occupancy average spans, per slot of the limit (the reference's 2). */
    static final int OCCUPANCY_SAMPLES_MULTIPLIER = 2;
    /** Keeps the average above zero (the reference's minimum). */
    static final double MINIMUM_OCCUPANCY_SECONDS_PER_SLOT = 0.1;

    /** {@code max(0, active_slots − floor(slot_decay_per_second × seconds since updated))}. */
    int activeAfterDecay(Instant now) {
        return Math.max(0, activeSlots - (int) Math.floor(slotDecayPerSecond * secondsSinceUpdated(now)));
    }

    /** Denied slots decay at the slot decay, or at one slot per average occupancy when there is none. */
    int deniedAfterDecay(Instant now) {
        double rate = slotDecayPerSecond > 0.0 ? slotDecayPerSecond
                : avgSlotOccupancySeconds > 0.0 ? 1.0 / avgSlotOccupancySeconds : 0.0;
        return Math.max(0, deniedSlots - (int) Math.floor(rate * secondsSinceUpdated(now)));
    }

    /** Whether {@code slots} more fit under the limit now. */
    boolean fits(int slots, Instant now) {
        return (long) activeAfterDecay(now) + slots <= limit;
    }

    /** The average after {@code slots} slots were held for {@code seconds}, weighted over the last 2 × limit samples. */
    double averageAfterRelease(int slots, double seconds) {
        if (limit <= 0 || slots <= 0) {
            return avgSlotOccupancySeconds;
        }
        double perSlot = Math.max(seconds / slots, MINIMUM_OCCUPANCY_SECONDS_PER_SLOT);
        double samples = (double) limit * OCCUPANCY_SAMPLES_MULTIPLIER;
        return avgSlotOccupancySeconds + perSlot / samples - avgSlotOccupancySeconds / samples;
    }

    /** This row with another occupancy average (to fold several releases into one update). */
    LimitSlots withAverage(double average) {
        return new LimitSlots(id, name, active, limit, activeSlots, deniedSlots, slotDecayPerSecond, average, updated);
    }

    private double secondsSinceUpdated(Instant now) {
        // A clock behind the writer's must not make slots grow.
        return updated == null ? 0.0 : Math.max(0.0, Duration.between(updated, now).toNanos() / 1e9);
    }
}
