package io.stratum.api.query;

import io.stratum.api.Api;
import io.stratum.api.StratumException;
import java.util.UUID;

/**
 * A work queue to create in a pool with
 * {@link WorkerPolling#createWorkQueue(jakarta.persistence.EntityManager, NewWorkQueue)}.
 *
 * @param workPoolId       the pool (required)
 * @param name             queue name, unique in the pool (required, not blank)
 * @param description      free text; {@code null} = {@code ""}
 * @param priority         1 is polled first; {@code null} = the pool's next priority (its largest + 1, or 1)
 * @param concurrencyLimit runs in PENDING/RUNNING the queue allows at once; {@code null} = unlimited
 * @param paused           whether the queue starts paused
 */
@Api(Api.Status.EXPERIMENTAL)
public record NewWorkQueue(UUID workPoolId, String name, String description, Integer priority,
                           Integer concurrencyLimit, boolean paused) {

    public NewWorkQueue {
        if (workPoolId == null) {
            throw new StratumException("A work queue needs the id of its work pool: pass a non-null workPoolId.");
        }
        if (name == null || name.isBlank()) {
            throw new StratumException("A work queue needs a name: pass a non-blank name.");
        }
        if (priority != null && priority < 1) {
            throw new StratumException("Work queue '" + name + "' has priority " + priority
                    + ": use 1 or more (1 is polled first), or null for the pool's next priority.");
        }
        if (concurrencyLimit != null && concurrencyLimit < 0) {
            throw new StratumException("Work queue '" + name + "' has concurrency limit " + concurrencyLimit
                    + ": use 0 or more, or null for no limit.");
        }
        description = description == null ? "" : description;
    }

    /** A queue with the pool's next priority, no limit, not paused. */
    public static NewWorkQueue of(UUID workPoolId, String name) {
        return new NewWorkQueue(workPoolId, name, null, null, null, false);
    }

    public NewWorkQueue withPriority(Integer priority) {
        return new NewWorkQueue(workPoolId, name, description, priority, concurrencyLimit, paused);
    }

    public NewWorkQueue withConcurrencyLimit(Integer concurrencyLimit) {
        return new NewWorkQueue(workPoolId, name, description, priority, concurrencyLimit, paused);
    }

    public NewWorkQueue withPaused(boolean paused) {
        return new NewWorkQueue(workPoolId, name, description, priority, concurrencyLimit, paused);
    }
}
