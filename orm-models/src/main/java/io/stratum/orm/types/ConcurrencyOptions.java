package io.stratum.orm.types;

import io.stratum.api.Api;

/**
 * {@code deployment.concurrency_options}. {@code collisionStrategy} is required;
 * {@code gracePeriodSeconds} (optional) must be positive.
 */
@Api(Api.Status.STABLE)
public record ConcurrencyOptions(ConcurrencyLimitStrategy collisionStrategy, Integer gracePeriodSeconds)
        implements ValidatedJson {

    public static ConcurrencyOptions of(ConcurrencyLimitStrategy collisionStrategy) {
        return new ConcurrencyOptions(collisionStrategy, null);
    }

    @Override
    public String validationError() {
        if (collisionStrategy == null) {
            return "has no collision_strategy (one of ENQUEUE, CANCEL_NEW is required)";
        }
        if (gracePeriodSeconds != null && gracePeriodSeconds <= 0) {
            return "has grace_period_seconds " + gracePeriodSeconds + " (must be positive)";
        }
        return null;
    }
}
