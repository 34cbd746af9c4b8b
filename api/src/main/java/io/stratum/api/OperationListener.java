package io.stratum.api;

import java.time.Duration;

/**
 * Observes the work of one {@link DatabaseInterface} for metrics: every query component operation and every
 * revision a migration applies or reverts, with its duration. Registered with {@link
 * DatabaseInterface#addOperationListener}; {@code stratum-micrometer}'s {@code StratumMetrics} is one.
 *
 * <p>Methods are called on the thread that did the work, right after it, so they must be quick and must
 * not throw (an exception a listener throws is logged and dropped; the operation's own result stands).
 * With no listener registered nothing is timed.
 */
@Api(Api.Status.EXPERIMENTAL)
public interface OperationListener {

    /**
     * A query component operation returned ({@code failed} false) or threw ({@code failed} true) after
     * {@code took}. Measured around the call, inside the caller's transaction: the commit is not included.
     */
    void operation(Operation operation, Duration took, boolean failed);

    /**
     * A migration of this interface ({@link DatabaseInterface#migrations()}, {@code migrate_on_start}
     * included) applied ({@code reverted} false) or reverted a revision and committed it, after {@code took}.
     * {@code current} is the revision the database is at afterwards (empty: base).
     */
    default void migrated(Revision revision, boolean reverted, Duration took, java.util.Optional<String> current) {
    }
}
