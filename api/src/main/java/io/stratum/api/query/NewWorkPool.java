package io.stratum.api.query;

import io.stratum.api.Api;
import io.stratum.api.StratumException;
import java.util.Map;

/**
 * A work pool to create with {@link WorkerPolling#createWorkPool(jakarta.persistence.EntityManager, NewWorkPool)}.
 *
 * @param name             unique pool name (required, not blank)
 * @param type             worker type, e.g. {@code process} (required, not blank)
 * @param description      free text, may be {@code null}
 * @param baseJobTemplate  the job template (JSON object); {@code null} = {@code {}}
 * @param paused           whether the pool starts paused
 * @param concurrencyLimit runs in PENDING/RUNNING the pool allows at once; {@code null} = unlimited
 */
@Api(Api.Status.EXPERIMENTAL)
public record NewWorkPool(String name, String type, String description, Map<String, Object> baseJobTemplate,
                          boolean paused, Integer concurrencyLimit) {

    public NewWorkPool {
        if (name == null || name.isBlank()) {
            throw new StratumException("A work pool needs a name: pass a non-blank name.");
        }
        if (type == null || type.isBlank()) {
            throw new StratumException("Work pool '" + name + "' needs a type (the worker type, e.g. 'process').");
        }
        if (concurrencyLimit != null && concurrencyLimit < 0) {
            throw new StratumException("Work pool '" + name + "' has concurrency limit " + concurrencyLimit
                    + ": use 0 or more, or null for no limit.");
        }
        // JSON may hold nulls, which Map.copyOf refuses.
        baseJobTemplate = baseJobTemplate == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(baseJobTemplate));
    }

    public static NewWorkPool of(String name, String type) {
        return new NewWorkPool(name, type, null, null, false, null);
    }

    public NewWorkPool withPaused(boolean paused) {
        return new NewWorkPool(name, type, description, baseJobTemplate, paused, concurrencyLimit);
    }

    public NewWorkPool withConcurrencyLimit(Integer concurrencyLimit) {
        return new NewWorkPool(name, type, description, baseJobTemplate, paused, concurrencyLimit);
    }

    public NewWorkPool withDescription(String description) {
        return new NewWorkPool(name, type, description, baseJobTemplate, paused, concurrencyLimit);
    }

    public NewWorkPool withBaseJobTemplate(Map<String, Object> baseJobTemplate) {
        return new NewWorkPool(name, type, description, baseJobTemplate, paused, concurrencyLimit);
    }
}
