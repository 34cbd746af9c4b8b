package io.stratum.benchmarks;

import io.stratum.api.model.WorkPool;
import io.stratum.api.query.NewWorkPool;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.UUID;

/**
 * Rows the benchmarks start from, written set-based in one statement each (generate_series on
 * PostgreSQL, a recursive CTE on SQLite) so seeding a million runs takes seconds, not the benchmark's time.
 * Values are generated here, never input, so they are written as literals.
 */
final class Seeds {
    private static final DateTimeFormatter SQLITE_TIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .appendFraction(ChronoField.MICRO_OF_SECOND, 6, 6, true)
            .toFormatter()
            .withZone(ZoneOffset.UTC);

    private final BenchDatabase database;
    private final boolean postgres;
    final UUID flowId = UUID.randomUUID();
    final UUID workPoolId;
    final UUID workQueueId;

    /** A flow and a work pool with its default queue, no concurrency limits. */
    Seeds(BenchDatabase database) {
        this.database = database;
        this.postgres = Dialects.POSTGRESQL.equals(database.dialect());
        database.execute("INSERT INTO flow (id, name) VALUES ('" + flowId + "', 'benchmark-flow')");
        WorkPool pool = database.db().inTransaction(session -> database.db().queries().polling()
                .createWorkPool(session, NewWorkPool.of("benchmark-pool", "process")));
        this.workPoolId = pool.getId();
        this.workQueueId = pool.getDefaultQueueId();
    }

    /**
     * {@code count} SCHEDULED runs in the pool's default queue, scheduled 1 ms apart from {@code first},
     * as a scheduler leaves them (no state row yet: the claim writes the first one).
     */
    void scheduledRuns(int count, Instant first) {
        database.execute(series(count,
                "INSERT INTO flow_run (" + idColumn() + "name, flow_id, work_queue_id, work_queue_name, state_type, "
                        + "state_name, state_timestamp, expected_start_time, next_scheduled_start_time) "
                        + "SELECT " + newId() + "'scheduled-' || n, " + uuid(flowId) + ", " + uuid(workQueueId)
                        + ", 'default', 'SCHEDULED', 'Scheduled', " + timestamp(first) + ", "
                        + plusMillis(first, "n") + ", " + plusMillis(first, "n") + " FROM {series}"));
    }

    /**
     * Finished runs numbered {@code from}..{@code to}, run {@code n} expected {@code n} minutes before
     * {@code now} (one a minute, so the last day always holds 1,440), every tenth FAILED.
     */
    void finishedRuns(long from, long to, Instant now) {
        database.execute(finishedRunsSql(from, to, now));
    }

    /** The one statement {@link #finishedRuns} runs. */
    String finishedRunsSql(long from, long to, Instant now) {
        String start = plusMillis(now, "-60000.0 * n");
        String end = plusMillis(now, "-60000.0 * n + 5000");
        return series(from, to,
                "INSERT INTO flow_run (" + idColumn() + "name, flow_id, work_queue_id, work_queue_name, state_type, "
                        + "state_name, state_timestamp, expected_start_time, start_time, end_time, run_count) "
                        + "SELECT " + newId() + "'finished-' || n, " + uuid(flowId) + ", " + uuid(workQueueId) + ", 'default', "
                        + stateType("CASE WHEN n % 10 = 0 THEN 'FAILED' ELSE 'COMPLETED' END") + ", "
                        + "CASE WHEN n % 10 = 0 THEN 'Failed' ELSE 'Completed' END, " + end + ", " + start + ", "
                        + start + ", " + end + ", 1 FROM {series}");
    }

    /** PostgreSQL's state_type is an enum: a computed text needs a cast (a literal does not). */
    private String stateType(String textExpression) {
        return postgres ? "CAST(" + textExpression + " AS state_type)" : textExpression;
    }

    String timestamp(Instant value) {
        return postgres ? "'" + value + "'::timestamptz" : "'" + SQLITE_TIME.format(value) + "'";
    }

    private String idColumn() {
        return postgres ? "id, " : "";
    }

    private String newId() {
        // SQLite's column default makes a random UUID text like the reference's.
        return postgres ? "gen_random_uuid(), " : "";
    }

    private String uuid(UUID value) {
        return "'" + value + "'";
    }

    /** The instant {@code base} plus {@code millisExpression} milliseconds, in the database's timestamp form. */
    private String plusMillis(Instant base, String millisExpression) {
        if (postgres) {
            return "(" + timestamp(base) + " + (" + millisExpression + ") * interval '1 millisecond')";
        }
        return "(strftime('%Y-%m-%d %H:%M:%f', " + timestamp(base) + ", ((" + millisExpression
                + ") / 1000.0) || ' seconds') || '000')";
    }

    private String series(long count, String insertSelectFrom) {
        return series(1, count, insertSelectFrom);
    }

    /** The INSERT … SELECT … FROM {series} over the numbers from..to as {@code n}. */
    private String series(long from, long to, String insertSelectFrom) {
        if (postgres) {
            return insertSelectFrom.replace("{series}", "generate_series(" + from + ", " + to + ") AS g(n)");
        }
        return "WITH RECURSIVE g(n) AS (SELECT " + from + " UNION ALL SELECT n + 1 FROM g WHERE n < " + to + ") "
                + insertSelectFrom.replace("{series}", "g");
    }
}
