package io.stratum.api.spi;

import io.stratum.api.Api;
import java.util.Collection;

/**
 * The checks of the documented maxima of what callers pass to the query components (counts, list
 * sizes): {@link io.stratum.api.query.WorkerPollRequest#MAX_LIMIT},
 * {@link io.stratum.api.query.WorkerPollRequest#MAX_IDS}, {@link io.stratum.api.query.BulkWrites#MAX_RECORDS},
 * {@link io.stratum.api.query.BulkWrites#MAX_RELATED_RESOURCES},
 * {@link io.stratum.api.query.QueryHelpers#MAX_KEYS},
 * {@link io.stratum.api.query.ConcurrencyLimits#MAX_LIMIT_NAMES},
 * {@link io.stratum.api.query.ConcurrencyLimits#MAX_SLOTS},
 * {@link io.stratum.api.query.FlowRunGraphs#MAX_NODES} and
 * {@link io.stratum.api.query.FlowRunGraphs#MAX_ARTIFACTS}. A value past its maximum is refused before
 * anything is read or written, with an {@link IllegalArgumentException} naming the parameter, the
 * value and the maximum. Implementations of the query components use these so every bound reads alike.
 */
@Api(Api.Status.EXPERIMENTAL)
public final class InputBounds {
    private InputBounds() {
    }

    /**
     * Refuses {@code value} above {@code maximum}.
     *
     * @param parameter what the value is, as the caller knows it (e.g. {@code "Worker poll limit"})
     * @param advice    what to do instead (e.g. {@code "poll again for more"})
     */
    public static void requireAtMost(String parameter, long value, int maximum, String advice) {
        if (value > maximum) {
            throw new IllegalArgumentException(parameter + " is " + value + ", above the maximum of " + maximum + ": "
                    + advice + ".");
        }
    }

    /** Refuses a collection of more than {@code maximum} elements; {@code null} passes (the caller checks it). */
    public static void requireSizeAtMost(String parameter, Collection<?> values, int maximum, String advice) {
        if (values != null && values.size() > maximum) {
            throw new IllegalArgumentException(parameter + " has " + values.size() + " elements, above the maximum of "
                    + maximum + ": " + advice + ".");
        }
    }
}
