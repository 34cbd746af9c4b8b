package io.stratum.api;

import java.util.List;
import java.util.Map;

/**
 * The opt-in partitioned form of the history tables on PostgreSQL: {@code log}, {@code events} and
 * {@code event_resources} as declarative range partitions by UTC day on their time column
 * ({@code log."timestamp"}, {@code events.occurred}, {@code event_resources.occurred}), so that retention
 * drops whole old days ({@code DROP TABLE} of a partition: no row deletes, no dead tuples, no vacuum)
 * instead of deleting their rows. By default the schema is the reference's; {@link #enable} and
 * {@link #disable} convert between the two forms keeping every row, each in one transaction under the
 * migration lock (so never beside an upgrade). The drift check accepts both forms.
 *
 * <p>What changes in the partitioned form: the primary keys are {@code (id, <time column>)} (a unique
 * index of a partitioned table must hold the partition key), so an event id is unique per
 * {@code occurred} only; a lookup by id alone searches every day's index. A {@code <table>_default}
 * partition takes rows no day partition covers, so an insert never fails; every clean creates the day
 * partitions of today and the next 7 days ({@link #createAhead} does it on demand), moving rows that the
 * default partition holds for them.
 *
 * <p>SQLite has no partitions: {@link #enable} is refused there, the rest reports the plain form.
 */
@Api(Api.Status.EXPERIMENTAL)
public interface HistoryPartitions {

    /** Day partitions kept ahead of today by {@link #enable}, by every clean and by default here. */
    int DEFAULT_DAYS_AHEAD = 7;

    /** Whether all three tables are in day partitions (false on SQLite). */
    boolean enabled();

    /**
     * Converts the tables that are still plain into day partitions: one for each UTC day that has rows and
     * for today and {@code daysAhead} days after, plus the default partition; every row kept, every index
     * kept under its name. Holds each table's exclusive lock until it commits, so the history tables take
     * no reads or writes meanwhile (about the time of copying their rows). Returns the rows moved per
     * table converted (none when already partitioned).
     *
     * @throws ConfigurationException on a database without partitions (SQLite), with nothing changed
     */
    Map<String, Long> enable(int daysAhead);

    /** The reverse of {@link #enable}: the reference's plain tables again, every row kept. Returns the rows moved per table. */
    Map<String, Long> disable();

    /** Creates the missing day partitions of today and {@code daysAhead} days after; returns their names. */
    List<String> createAhead(int daysAhead);
}
