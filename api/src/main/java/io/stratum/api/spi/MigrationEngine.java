package io.stratum.api.spi;

import io.stratum.api.Api;
import io.stratum.api.DatabaseSettings;
import io.stratum.api.Dialect;
import io.stratum.api.MigrationListener;
import io.stratum.api.Revision;
import io.stratum.api.RevisionStatus;
import io.stratum.api.StampPlan;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Applies and reverts schema revisions; provided by {@code stratum-migrations}. Every revision has
 * an up and a down script; each runs in its own transaction and is serialised across processes by a
 * lock held in the database.
 */
@Api(Api.Status.EXPERIMENTAL)
public interface MigrationEngine {

    /** Revisions this build knows for the dialect, oldest first. */
    List<Revision> revisions(Dialect dialect);

    /** The database's current revision; empty at base (nothing applied). */
    Optional<String> current(Target target);

    /** Every known revision with its applied state, oldest first, plus applied revisions this build does not know. */
    List<RevisionStatus> history(Target target);

    /**
     * Applies revisions up to and including {@code revision} ("head" = newest): takes the migration lock,
     * then reads the history and applies what is pending, reporting to the listener. Returns the
     * revisions this call applied (none when another process applied them first).
     */
    List<Revision> upgrade(Target target, String revision, MigrationListener listener);

    /**
     * Reverts revisions: {@code "-1"} (or {@code "-N"}) steps back, {@code "base"} reverts all, a
     * revision id reverts down to it (it stays applied). Returns the revisions reverted, newest first.
     */
    List<Revision> downgrade(Target target, String revision, MigrationListener listener);

    /** What {@link #stamp} would change, read without the lock; changes nothing. */
    StampPlan planStamp(Target target, String revision);

    /**
     * Records {@code revision} ("base", "head" or an id) as the current one without running any script.
     * Refuses ({@link io.stratum.api.SchemaVersionException}) to remove revisions unknown to this build
     * unless {@code force}.
     */
    StampPlan stamp(Target target, String revision, boolean force, MigrationListener listener);

    /**
     * Records {@code revision} as current after changes, all under the migration lock on one
     * connection: {@code beforeTransaction} first, in auto-commit mode (work that manages its own
     * transaction, such as SQLite's table rebuilds with foreign keys off), then {@code inTransaction}
     * and the history rows in one transaction: adoption brings a database to Stratum's form and stamps
     * it together. The history must hold no revision yet.
     */
    default StampPlan stampWithChanges(Target target, String revision, SqlChanges beforeTransaction,
                                       SqlChanges inTransaction, MigrationListener listener) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot stamp with changes");
    }

    /** Work on the connection of {@link #stampWithChanges}; inside its transaction it must not commit. */
    @FunctionalInterface
    interface SqlChanges {
        void run(Connection connection) throws SQLException;
    }

    /** Prints the SQL {@link #upgrade} would run, changing nothing. */
    void printUpgrade(Target target, String revision, PrintStream out);

    /** Prints the SQL {@link #downgrade} would run, changing nothing. */
    void printDowngrade(Target target, String revision, PrintStream out);

    /**
     * The database one operation runs against. {@code dataSource} hands out the operation's migration
     * connections (opened with {@link DialectProvider#migrationConnectionProperties}, closed when the
     * operation ends). An in-memory database is the exception: it exists only on the application pool's
     * one connection, which is then the target, so an engine must never hold one connection while asking
     * for another there. {@code migrationLock} is the dialect's lock on these connections; an engine
     * holds it (waiting at most {@link DatabaseSettings#lockTimeout()}) around every change.
     * {@code dataSource} and {@code migrationLock} are null only for a database that does not exist yet,
     * and only in {@link #planStamp} and {@link #printUpgrade}, which then plan from base.
     */
    record Target(DataSource dataSource, Dialect dialect, DatabaseSettings settings, MigrationLock migrationLock) {
        /** False for the target of a database that does not exist yet (see above). */
        public boolean exists() {
            return dataSource != null;
        }
    }
}
