package io.stratum.migrations.internal;

import io.stratum.api.MigrationException;
import io.stratum.api.spi.MigrationEngine;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The lock that serialises upgrades, downgrades and stamps across processes. It lives in the
 * database, not in the process (the reference's Alembic lock only guards one process), so servers
 * started together on one database migrate it once, one after the other.
 */
interface MigrationLock extends AutoCloseable {

    /** Takes the lock for the target's database, waiting as long as another process holds it. */
    static MigrationLock acquire(MigrationEngine.Target target) {
        try {
            return target.dialect().schemaFamily().equals("postgresql")
                    ? PostgresAdvisoryLock.acquire(target.dataSource())
                    : SqliteLockRow.acquire(target.dataSource());
        } catch (SQLException e) {
            throw new MigrationException("Could not take the migration lock: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrationException("Interrupted while waiting for the migration lock; nothing was changed.", e);
        }
    }

    /**
     * Checks, inside a revision's transaction on {@code transaction}, that this process still holds the
     * lock (and renews it where it expires); throws a {@link MigrationException} otherwise, which rolls
     * the revision back.
     */
    void verify(Connection transaction) throws SQLException;

    /** Releases the lock; never throws (a lock that cannot be released expires or dies with its session). */
    @Override
    void close();

    /** Who holds the lock, for messages. */
    String owner();
}
