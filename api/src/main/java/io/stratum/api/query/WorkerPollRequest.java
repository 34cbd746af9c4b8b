package io.stratum.api.query;

import io.stratum.api.Api;
import io.stratum.api.StratumException;
import io.stratum.api.spi.InputBounds;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * What a worker asks for when it polls work pools for scheduled flow runs (reference §3,
 * {@code get_scheduled_flow_runs_from_work_pool}). Build with {@link #builder()}; every field is optional.
 * Limits above {@value #MAX_LIMIT} and more than {@value #MAX_IDS} pool or queue ids are refused with an
 * {@link IllegalArgumentException} naming the field, its value and the maximum.
 *
 * @param limit                  runs returned at most, over all pools ({@code null} = {@value #DEFAULT_LIMIT})
 * @param workerLimit            runs taken from one pool at most ({@code null} = {@value #DEFAULT_LIMIT})
 * @param queueLimit             runs taken from one queue at most ({@code null} = {@value #DEFAULT_LIMIT})
 * @param workPoolIds            only these pools; empty = every pool (as in the reference); at most {@value #MAX_IDS}
 * @param workQueueIds           only these queues; empty = every queue (as in the reference); at most {@value #MAX_IDS}
 * @param scheduledBefore        only runs scheduled at or before this time ({@code null} = no bound)
 * @param scheduledAfter         only runs scheduled at or after this time ({@code null} = no bound)
 * @param respectQueuePriorities order by queue priority first (lower number first), then by scheduled time
 */
@Api(Api.Status.EXPERIMENTAL)
public record WorkerPollRequest(Integer limit, Integer workerLimit, Integer queueLimit, Set<UUID> workPoolIds,
                                Set<UUID> workQueueIds, Instant scheduledBefore, Instant scheduledAfter,
                                boolean respectQueuePriorities) {

    /** The limit a {@code null} limit stands for, as in the reference. */
    public static final int DEFAULT_LIMIT = 1000;

    /**
     * The largest {@code limit}, {@code workerLimit} and {@code queueLimit} (and legacy
     * {@code limitPerQueue}). A claim moves every run it returns to PENDING and loads it into the
     * session, holding their row locks until commit: ten times the reference's default bounds that
     * transaction, where {@code Integer.MAX_VALUE} could move every scheduled run at once. Poll again
     * for more.
     */
    public static final int MAX_LIMIT = 10_000;

    /**
     * The most pool ids and the most queue ids one request filters on. A worker serves a few pools and
     * queues; both sets together, each id a bind parameter, stay below the 999 that Stratum assumes for
     * SQLite ({@link io.stratum.api.Dialect#maxQueryParameters()}).
     */
    public static final int MAX_IDS = 400;

    public WorkerPollRequest {
        requireWithinLimits("limit", limit);
        requireWithinLimits("workerLimit", workerLimit);
        requireWithinLimits("queueLimit", queueLimit);
        workPoolIds = ids("workPoolIds", workPoolIds);
        workQueueIds = ids("workQueueIds", workQueueIds);
    }

    /** Every scheduled run the reference's defaults allow (1000 per queue, pool and call). */
    public static WorkerPollRequest all() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@link #limit()}, or the default. */
    public int effectiveLimit() {
        return limit == null ? DEFAULT_LIMIT : limit;
    }

    /** {@link #workerLimit()}, or the default. */
    public int effectiveWorkerLimit() {
        return workerLimit == null ? DEFAULT_LIMIT : workerLimit;
    }

    /** {@link #queueLimit()}, or the default. */
    public int effectiveQueueLimit() {
        return queueLimit == null ? DEFAULT_LIMIT : queueLimit;
    }

    /** A builder starting from this request. */
    public Builder toBuilder() {
        return new Builder().limit(limit).workerLimit(workerLimit).queueLimit(queueLimit).workPoolIds(workPoolIds)
                .workQueueIds(workQueueIds).scheduledBefore(scheduledBefore).scheduledAfter(scheduledAfter)
                .respectQueuePriorities(respectQueuePriorities);
    }

    private static Set<UUID> ids(String name, Set<UUID> ids) {
        if (ids == null) {
            return Set.of();
        }
        InputBounds.requireSizeAtMost("Worker poll " + name, ids, MAX_IDS, "poll fewer pools or queues at a time");
        if (ids.stream().anyMatch(java.util.Objects::isNull)) {
            throw new StratumException("Worker poll " + name + " contains null; pass only ids (or none for no filter).");
        }
        return Set.copyOf(ids);
    }

    private static void requireWithinLimits(String name, Integer value) {
        if (value != null && value < 0) {
            throw new StratumException("Worker poll " + name + " is " + value + ": a limit must be 0 or more "
                    + "(or null for the default of " + DEFAULT_LIMIT + ").");
        }
        if (value != null) {
            InputBounds.requireAtMost("Worker poll " + name, value, MAX_LIMIT, "poll again for more runs");
        }
    }

    /** Builds a {@link WorkerPollRequest}. */
    public static final class Builder {
        private Integer limit;
        private Integer workerLimit;
        private Integer queueLimit;
        private final Set<UUID> workPoolIds = new LinkedHashSet<>();
        private final Set<UUID> workQueueIds = new LinkedHashSet<>();
        private Instant scheduledBefore;
        private Instant scheduledAfter;
        private boolean respectQueuePriorities;

        private Builder() {
        }

        public Builder limit(Integer limit) {
            this.limit = limit;
            return this;
        }

        public Builder workerLimit(Integer workerLimit) {
            this.workerLimit = workerLimit;
            return this;
        }

        public Builder queueLimit(Integer queueLimit) {
            this.queueLimit = queueLimit;
            return this;
        }

        /** Replaces the pool filter; {@code null} or empty = every pool. */
        public Builder workPoolIds(Collection<UUID> ids) {
            workPoolIds.clear();
            if (ids != null) {
                workPoolIds.addAll(ids);
            }
            return this;
        }

        public Builder workPoolIds(UUID... ids) {
            return workPoolIds(java.util.Arrays.asList(ids));
        }

        /** Replaces the queue filter; {@code null} or empty = every queue. */
        public Builder workQueueIds(Collection<UUID> ids) {
            workQueueIds.clear();
            if (ids != null) {
                workQueueIds.addAll(ids);
            }
            return this;
        }

        public Builder workQueueIds(UUID... ids) {
            return workQueueIds(java.util.Arrays.asList(ids));
        }

        public Builder scheduledBefore(Instant scheduledBefore) {
            this.scheduledBefore = scheduledBefore;
            return this;
        }

        public Builder scheduledAfter(Instant scheduledAfter) {
            this.scheduledAfter = scheduledAfter;
            return this;
        }

        public Builder respectQueuePriorities(boolean respectQueuePriorities) {
            this.respectQueuePriorities = respectQueuePriorities;
            return this;
        }

        public WorkerPollRequest build() {
            return new WorkerPollRequest(limit, workerLimit, queueLimit, workPoolIds, workQueueIds, scheduledBefore,
                    scheduledAfter, respectQueuePriorities);
        }
    }
}
