package io.stratum.api.query;

import io.stratum.api.Api;
import io.stratum.api.DatabaseSettings;
import io.stratum.api.RetentionKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one {@link Retention#clean} deletes: cut-offs (instants; rows strictly older go), the batch size,
 * and whether it only counts. Immutable; build with {@link #builder()} or from the settings with {@link
 * #fromSettings}.
 */
@Api(Api.Status.EXPERIMENTAL)
public final class RetentionRequest {
    /** The reference's batch size. */
    public static final int DEFAULT_BATCH_SIZE = 200;
    /** The largest batch: one batch must stay a short transaction. */
    public static final int MAX_BATCH_SIZE = 10_000;

    private final Instant flowRunsBefore;
    private final Instant eventsBefore;
    private final Map<String, Instant> eventTypesBefore;
    private final int batchSize;
    private final boolean dryRun;
    private final RetentionProgress progress;

    private RetentionRequest(Builder b) {
        if (b.batchSize < 1 || b.batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("batchSize is " + b.batchSize + "; it must be from 1 to " + MAX_BATCH_SIZE + ".");
        }
        if (!b.eventTypesBefore.isEmpty() && b.eventsBefore == null) {
            throw new IllegalArgumentException("eventTypesBefore needs eventsBefore: a type's retention is a shorter "
                    + "one than the events retention.");
        }
        for (Map.Entry<String, Instant> type : b.eventTypesBefore.entrySet()) {
            if (type.getKey() == null || type.getKey().isBlank() || type.getValue() == null) {
                throw new IllegalArgumentException("eventTypesBefore holds an empty event type or cut-off: " + b.eventTypesBefore);
            }
            if (type.getValue().isBefore(b.eventsBefore)) {
                throw new IllegalArgumentException("The cut-off of " + type.getKey() + " events (" + type.getValue()
                        + ") is before the events cut-off (" + b.eventsBefore + "): a type's retention can only be shorter.");
            }
        }
        this.flowRunsBefore = b.flowRunsBefore;
        this.eventsBefore = b.eventsBefore;
        this.eventTypesBefore = Collections.unmodifiableMap(new LinkedHashMap<>(b.eventTypesBefore));
        this.batchSize = b.batchSize;
        this.dryRun = b.dryRun;
        this.progress = b.progress;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The clean the settings describe at {@code now}: the kinds of {@link DatabaseSettings#retentionEnabled()},
     * with cut-offs {@code now} minus {@code retention_period}, {@code events_retention_period} and each
     * override, and {@code retention_batch_size}.
     */
    public static Builder fromSettings(DatabaseSettings settings, Instant now) {
        Builder b = builder().batchSize(settings.retentionBatchSize());
        if (settings.retentionEnabled().contains(RetentionKind.FLOW_RUNS)) {
            b.flowRunsBefore(now.minus(settings.retentionPeriod()));
        }
        if (settings.retentionEnabled().contains(RetentionKind.EVENTS)) {
            b.eventsBefore(now.minus(settings.eventsRetentionPeriod()));
            for (Map.Entry<String, Duration> override : settings.eventRetentionOverrides().entrySet()) {
                b.eventTypeBefore(override.getKey(), now.minus(override.getValue()));
            }
        }
        return b;
    }

    /** Flow runs that ended before this go; empty: flow runs and orphans are not cleaned. */
    public Optional<Instant> flowRunsBefore() {
        return Optional.ofNullable(flowRunsBefore);
    }

    /** Events that occurred before this go; empty: events are not cleaned. */
    public Optional<Instant> eventsBefore() {
        return Optional.ofNullable(eventsBefore);
    }

    /** Later cut-offs for some event types (never earlier than {@link #eventsBefore()}). */
    public Map<String, Instant> eventTypesBefore() {
        return eventTypesBefore;
    }

    public int batchSize() {
        return batchSize;
    }

    /** Only count what would go; nothing is written. */
    public boolean dryRun() {
        return dryRun;
    }

    public RetentionProgress progress() {
        return progress;
    }

    @Override
    public String toString() {
        return "RetentionRequest{flowRunsBefore=" + flowRunsBefore + ", eventsBefore=" + eventsBefore
                + ", eventTypesBefore=" + eventTypesBefore + ", batchSize=" + batchSize + ", dryRun=" + dryRun + "}";
    }

    /** Mutable, not thread-safe. */
    public static final class Builder {
        private Instant flowRunsBefore;
        private Instant eventsBefore;
        private final Map<String, Instant> eventTypesBefore = new LinkedHashMap<>();
        private int batchSize = DEFAULT_BATCH_SIZE;
        private boolean dryRun;
        private RetentionProgress progress = new RetentionProgress() { };

        private Builder() {
        }

        public Builder flowRunsBefore(Instant cutoff) {
            this.flowRunsBefore = cutoff;
            return this;
        }

        public Builder eventsBefore(Instant cutoff) {
            this.eventsBefore = cutoff;
            return this;
        }

        /** Events of {@code eventType} go from this (later) cut-off on. */
        public Builder eventTypeBefore(String eventType, Instant cutoff) {
            this.eventTypesBefore.put(eventType, cutoff);
            return this;
        }

        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        public Builder progress(RetentionProgress progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        public RetentionRequest build() {
            return new RetentionRequest(this);
        }
    }
}
