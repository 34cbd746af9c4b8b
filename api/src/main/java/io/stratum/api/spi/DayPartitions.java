package io.stratum.api.spi;

import io.stratum.api.Api;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The partitioned form of the history tables ({@code log}, {@code events}, {@code event_resources}) on a
 * database that has one (PostgreSQL): each table a declarative range partition by UTC day on its time
 * column ({@code log."timestamp"}, {@code events.occurred}, {@code event_resources.occurred}), one
 * partition per day named {@code <table>_pYYYYMMDD} and a {@code <table>_default} partition that takes any
 * row no day partition covers, so an insert never fails. Reached through {@link RetentionSql#dayPartitions()}.
 *
 * <p>Every method works in the caller's transaction on {@code connection} and commits nothing.
 */
@Api(Api.Status.EXPERIMENTAL)
public interface DayPartitions {

    /** The tables that can be stored in day partitions, in the order they are converted. */
    List<String> TABLES = List.of("log", "events", "event_resources");

    /** A day partition of {@code table}: its rows are those with a time in [{@code from}, {@code to}). */
    record Partition(String table, String name, Instant from, Instant to) {
    }

    /** Whether {@code table} is stored in partitions. */
    boolean isPartitioned(Connection connection, String table) throws SQLException;

    /**
     * Converts every table of {@link #TABLES} that is not partitioned yet into the partitioned form,
     * keeping every row (a day partition for each UTC day that has rows, and for today and
     * {@code daysAhead} days after {@code today}); the primary key becomes {@code (id, <time column>)},
     * every other index keeps its name and form. Takes an exclusive lock on each table until the
     * caller's transaction ends. Returns the rows moved per table converted.
     */
    java.util.Map<String, Long> partition(Connection connection, LocalDate today, int daysAhead) throws SQLException;

    /**
     * The reverse of {@link #partition}: every partitioned table of {@link #TABLES} back to one plain
     * table as the reference has it (primary key {@code (id)}), keeping every row. Returns the rows moved
     * per table converted.
     */
    java.util.Map<String, Long> unpartition(Connection connection) throws SQLException;

    /**
     * Creates the day partitions of {@code firstDay} and the {@code days - 1} days after it that are
     * missing, in every partitioned table; rows of those days that went to the default partition are
     * moved into them. Returns the names of the partitions created.
     */
    List<String> createDays(Connection connection, LocalDate firstDay, int days) throws SQLException;

    /** The day partitions of {@code table} whose rows are all before {@code cutoff}, oldest first. */
    List<Partition> before(Connection connection, String table, Instant cutoff) throws SQLException;

    /**
     * Locks the partition against writes until the transaction ends and counts its rows. When
     * {@code keepsRunLogs} is set (a {@code log} partition), returns -1 instead if any of its rows is one
     * the reference's vacuum keeps: a log without a run id, or of a run that exists.
     */
    long lockAndCount(Connection connection, Partition partition, boolean keepsRunLogs) throws SQLException;

    /**
     * Drops the partition, waiting at most a few seconds for the table lock that needs; false when it was
     * not granted in that time (nothing dropped, the transaction still usable).
     */
    boolean drop(Connection connection, Partition partition) throws SQLException;

    /**
     * What is wrong with a partition the schema holds, for the drift check: empty for a partition of
     * the form this dialect makes (a day partition of a table of {@link #TABLES} named after its day and
     * bounded by it, or its default partition).
     *
     * @param bounds the partition's bounds as the database prints them ({@code FOR VALUES FROM (…) TO (…)}
     *               or {@code DEFAULT}), with the parent's partition key ({@code RANGE (occurred)})
     */
    String problem(String table, String partition, Instant from, Instant to, boolean isDefault, String partitionKey);
}
