package io.stratum.api.internal;

import io.stratum.api.ConfigurationException;
import io.stratum.api.HistoryPartitions;
import io.stratum.api.MigrationException;
import io.stratum.api.MigrationListener;
import io.stratum.api.spi.DayPartitions;
import io.stratum.api.spi.DialectProvider;
import io.stratum.api.spi.MigrationLock;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * {@link HistoryPartitions} on the migration connections: a conversion is a schema change, so it holds
 * the migration lock (never beside an upgrade, a downgrade or another conversion) and runs in one
 * transaction, which the lock is checked in before it commits.
 */
final class LockedHistoryPartitions implements HistoryPartitions {
    private static final Logger LOG = System.getLogger(LockedHistoryPartitions.class.getName());

    private final DialectProvider dialect;
    private final MigrationConnections connections;

    LockedHistoryPartitions(DialectProvider dialect, MigrationConnections connections) {
        this.dialect = dialect;
        this.connections = connections;
    }

    private DayPartitions partitions() {
        return dialect.retentionSql().dayPartitions().orElseThrow(() -> new ConfigurationException(
                "The " + dialect.dialect().displayName() + " dialect keeps log, events and event_resources in plain "
                        + "tables only: day partitions exist on PostgreSQL. Retention deletes old rows in batches here; "
                        + "nothing was changed."));
    }

    @Override
    public boolean enabled() {
        DayPartitions partitions = dialect.retentionSql().dayPartitions().orElse(null);
        if (partitions == null) {
            return false;
        }
        return inTransaction(null, false, connection -> {
            for (String table : DayPartitions.TABLES) {
                if (!partitions.isPartitioned(connection, table)) {
                    return false;
                }
            }
            return true;
        });
    }

    @Override
    public Map<String, Long> enable(int daysAhead) {
        if (daysAhead < 0 || daysAhead > 366) {
            throw new ConfigurationException("Days ahead must be between 0 and 366, got " + daysAhead + ". Nothing was changed.");
        }
        DayPartitions partitions = partitions();
        Map<String, Long> moved = inTransaction("partition the history tables", true,
                connection -> partitions.partition(connection, LocalDate.now(ZoneOffset.UTC), daysAhead));
        LOG.log(Level.INFO, () -> "History tables in day partitions; rows moved: " + moved);
        return moved;
    }

    @Override
    public Map<String, Long> disable() {
        DayPartitions partitions = dialect.retentionSql().dayPartitions().orElse(null);
        if (partitions == null) {
            return Map.of();
        }
        Map<String, Long> moved = inTransaction("turn the history tables back into plain tables", true, partitions::unpartition);
        LOG.log(Level.INFO, () -> "History tables plain again; rows moved: " + moved);
        return moved;
    }

    @Override
    public List<String> createAhead(int daysAhead) {
        DayPartitions partitions = dialect.retentionSql().dayPartitions().orElse(null);
        if (partitions == null) {
            return List.of();
        }
        return inTransaction("create day partitions", false,
                connection -> partitions.createDays(connection, LocalDate.now(ZoneOffset.UTC), daysAhead + 1));
    }

    /** One transaction on a migration connection; {@code locked}: under the migration lock. */
    private <T> T inTransaction(String writeAction, boolean locked, SqlWork<T> work) {
        try (MigrationConnections.Lease lease = connections.open(writeAction)) {
            var target = lease.target();
            MigrationLock.Acquired lock = locked
                    ? target.migrationLock().acquire(target.settings().lockTimeout(), MigrationListener.NONE) : null;
            try (Connection connection = target.dataSource().getConnection()) {
                connection.setAutoCommit(false);
                try {
                    if (lock != null) {
                        lock.lock().verify(connection);
                    }
                    T result = work.run(connection);
                    connection.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                } finally {
                    connection.setAutoCommit(true);
                }
            } finally {
                if (lock != null) {
                    lock.close();
                }
            }
        } catch (SQLException e) {
            throw new MigrationException("Could not " + (writeAction == null ? "read the history tables' form" : writeAction)
                    + ": " + e.getMessage() + " (SQL state " + e.getSQLState() + "). Nothing was changed.", e);
        }
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
