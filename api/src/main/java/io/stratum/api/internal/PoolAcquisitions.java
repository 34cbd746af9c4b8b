package io.stratum.api.internal;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The pool as EclipseLink sees it: within one {@code sessionContext}, once a wait for a pooled
 * connection has timed out, every further request of that thread fails at once with the same error.
 *
 * <p>Why: after a failed acquisition EclipseLink rolls the transaction back (on a failed commit by
 * itself, or when Stratum ends the transaction), and its rollback asks the pool for a connection again —
 * a second {@code pool_timeout} of waiting before the caller heard anything (measured: 6.0 s for
 * {@code pool_timeout} 3 s). No connection was obtained, so there is nothing to roll back on the
 * database, and failing that second request at once makes every waiter fail at {@code pool_timeout}.
 */
final class PoolAcquisitions extends PoolDecorator {
    /** The state of the innermost {@code sessionContext} of this thread; {@code null} outside one. */
    private static final ThreadLocal<Scope> SCOPE = new ThreadLocal<>();


    PoolAcquisitions(DataSource pool) {
        super(pool);
    }

    /** One {@code sessionContext}: its timed-out acquisition, if any. */
    static final class Scope implements AutoCloseable {
        private final Scope outer;
        private SQLException timedOut;

        private Scope(Scope outer) {
            this.outer = outer;
        }

        @Override
        public void close() {
            if (outer == null) {
                SCOPE.remove();
            } else {
                SCOPE.set(outer);
            }
        }
    }

    /** Opens a scope for the current thread; close it when the session context ends. */
    static Scope enter() {
        Scope scope = new Scope(SCOPE.get());
        SCOPE.set(scope);
        return scope;
    }

    /** Whether the current thread is inside a {@code sessionContext} (or a read-only transaction) of any interface. */
    static boolean insideSessionContext() {
        return SCOPE.get() != null;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Scope scope = SCOPE.get();
        if (scope != null && scope.timedOut != null) {
            throw new SQLException(scope.timedOut.getMessage() + " (no connection was obtained within pool_timeout "
                    + "earlier in this session; not waiting again)", scope.timedOut.getSQLState(), scope.timedOut);
        }
        try {
            return pool.getConnection();
        } catch (SQLException e) {
            if (scope != null && SessionFailures.isAcquisitionTimeout(e)) {
                scope.timedOut = e;
            }
            throw e;
        }
    }
}
