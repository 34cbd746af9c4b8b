package io.stratum.queries.internal;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.StratumException;
import io.stratum.api.spi.DayPartitions;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Retention of the history tables a database keeps in day partitions ({@link DayPartitions}): the whole
 * days before the cut-off are counted and dropped, one day per short transaction, instead of deleted
 * row by row (no dead tuples, no vacuum). What is left (the day at the cut-off, per-type event cut-offs,
 * a log day still holding logs the reference keeps, a day whose drop could not get its lock) goes the
 * batched way afterwards, as on an unpartitioned table. Does nothing where the dialect has no partitions.
 */
final class PartitionDrops {
    /** Day partitions kept ahead of today by every clean: inserts of the coming days never land in the default partition. */
    static final int DAYS_AHEAD = io.stratum.api.HistoryPartitions.DEFAULT_DAYS_AHEAD;

    private final DatabaseInterface database;
    private final DialectSql dialect;

    PartitionDrops(DatabaseInterface database, DialectSql dialect) {
        this.database = database;
        this.dialect = dialect;
    }

    /** Creates the missing day partitions of today and the {@value #DAYS_AHEAD} days after it. */
    void createAhead() {
        dialect.retention().dayPartitions().ifPresent(partitions -> inTransaction("creating day partitions ahead",
                sql -> partitions.createDays(sql.connection(), LocalDate.now(ZoneOffset.UTC), DAYS_AHEAD + 1)));
    }

    /**
     * Drops the days of {@code table} before {@code cutoff}; with {@code keepsRunLogs} (log) only days
     * none of whose rows the reference keeps. Tells the tally of each day's rows.
     */
    void dropBefore(String table, Instant cutoff, boolean keepsRunLogs, BatchedRetention.Tally tally) {
        DayPartitions partitions = dialect.retention().dayPartitions().orElse(null);
        if (partitions == null) {
            return;
        }
        List<DayPartitions.Partition> old = inTransaction("listing old day partitions of " + table,
                sql -> partitions.before(sql.connection(), table, cutoff));
        for (DayPartitions.Partition day : old) {
            long dropped = inTransaction("dropping day partition " + day.name(), sql -> {
                long rows = partitions.lockAndCount(sql.connection(), day, keepsRunLogs);
                return rows >= 0 && partitions.drop(sql.connection(), day) ? rows : -1L;
            });
            if (dropped >= 0) {
                tally.add(table, dropped);
            }
        }
    }

    private <T> T inTransaction(String operation, SqlWork<T> work) {
        return database.sessionContext(true, false, session -> {
            TransactionSql sql = TransactionSql.of(session, dialect, operation);
            try {
                return work.run(sql);
            } catch (SQLException e) {
                throw new StratumException(operation + " failed: " + e.getMessage() + " (SQL state " + e.getSQLState()
                        + "). Nothing of it was changed.", e);
            }
        });
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(TransactionSql sql) throws SQLException;
    }
}
