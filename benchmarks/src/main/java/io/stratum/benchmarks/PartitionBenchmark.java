package io.stratum.benchmarks;

import io.stratum.api.Dialect;
import io.stratum.api.query.RetentionRequest;
import io.stratum.api.query.RetentionResult;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue 17 item 3 (PostgreSQL only): a day of old log rows of runs that are gone, cleaned by Stratum's
 * retention on the partitioned form (the day's partition counted and dropped) and on the reference's plain
 * form (batched deletes of the default 200 rows), each beside its floor: one hand-written {@code DROP TABLE}
 * of the partition, and one hand-written {@code DELETE} of the day's rows. Each path runs on its own fresh
 * database; the dead tuples it leaves in the log tables ({@code pg_stat_user_tables.n_dead_tup}) are reported.
 */
final class PartitionBenchmark {
    static final double TARGET_SECONDS = 1.0;
    static final int RUNS = 1_000;
    static final int AGE_DAYS = 100;

    private PartitionBenchmark() {
    }

    /** One path's clean of the day: its time and the dead tuples it left in the log tables. */
    record Clean(String path, double seconds, long deadTuples) {
    }

    /** One form of the log table, Stratum's clean beside its floor (both on the same number of rows). */
    record Row(String form, int rows, Clean stratum, Clean floor, double targetSeconds) {
        /** Issue 17: the partitioned day goes in under the target time and leaves no dead tuples. */
        boolean meetsTarget() {
            return Double.isNaN(targetSeconds) || (stratum.seconds() <= targetSeconds && stratum.deadTuples() == 0);
        }
    }

    static List<Row> measure(Dialect dialect, int rows) throws Exception {
        if (!Dialects.POSTGRESQL.equals(dialect)) {
            Console.progress("Partition drop: PostgreSQL only (SQLite keeps the batched path)");
            return List.of();
        }
        List<Row> result = new ArrayList<>();
        result.add(new Row("partitioned by day", rows,
                run(rows, true, true, "Stratum clean (count + DROP of the day's partition)"),
                run(rows, true, false, "one DROP TABLE of the day's partition"), TARGET_SECONDS));
        result.add(new Row("plain (the reference's)", rows,
                run(rows, false, true, "Stratum clean (batched DELETEs of 200)"),
                run(rows, false, false, "one DELETE of the day's rows"), Double.NaN));
        return result;
    }

    private static Clean run(int rows, boolean partitioned, boolean stratum, String path) throws Exception {
        String label = String.format("%s: a day of %,d log rows", path, rows);
        Instant day = LocalDate.now(ZoneOffset.UTC).minusDays(AGE_DAYS).atStartOfDay(ZoneOffset.UTC).toInstant();
        String partition = "log_p" + LocalDate.ofInstant(day, ZoneOffset.UTC).toString().replace("-", "");
        try (BenchDatabase database = BenchDatabase.create(Dialects.POSTGRESQL, 2)) {
            if (partitioned) {
                // Today's and the next week's partitions, as a server's earlier cleans would have made them, so
                // the clean timed here only drops (its own creation of days ahead finds nothing to do).
                database.db().historyPartitions().enable(7);
                // The day's partition, as a clean would have made it ahead of that day.
                database.execute("CREATE TABLE " + partition + " PARTITION OF log FOR VALUES FROM ('" + day + "') TO ('"
                        + day.plus(Duration.ofDays(1)) + "')");
            }
            // Logs of RUNS runs that no longer exist, spread over the day.
            database.execute("INSERT INTO log (name, level, flow_run_id, message, \"timestamp\") "
                    + "SELECT 'prefect.flow_runs', 20, r.id, 'Finished step ' || i || ' of the benchmark flow', "
                    + "timestamptz '" + day + "' + (i * 86399.0 / " + rows + ") * interval '1 second' "
                    + "FROM generate_series(1, " + rows + ") AS i "
                    + "JOIN (SELECT row_number() OVER () - 1 AS k, gen_random_uuid() AS id FROM generate_series(1, " + RUNS
                    + ")) r ON r.k = i % " + RUNS,
                    "VACUUM ANALYZE log");
            long started = System.nanoTime();
            long deleted;
            if (stratum) {
                RetentionResult result = database.db().queries().retention().clean(RetentionRequest.builder()
                        .flowRunsBefore(Instant.now().minus(Duration.ofDays(90))).build());
                deleted = result.rows("log");
            } else {
                try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
                    deleted = partitioned ? -1 : statement.executeUpdate("DELETE FROM log WHERE \"timestamp\" < '"
                            + day.plus(Duration.ofDays(1)) + "'");
                    if (partitioned) {
                        statement.execute("DROP TABLE " + partition);
                        deleted = rows;
                    }
                    if (!connection.getAutoCommit()) {
                        connection.commit();
                    }
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            if (deleted != rows) {
                throw new IllegalStateException(label + ": " + deleted + " rows went, expected " + rows);
            }
            long dead = deadTuples(database);
            Console.progress(String.format("Partitions · %s: %.3f s, %,d dead tuples left", label, seconds, dead));
            return new Clean(path, seconds, dead);
        }
    }

    /** Dead tuples of log and its partitions, once the cleaning sessions' statistics have reached the server. */
    private static long deadTuples(BenchDatabase database) throws Exception {
        Thread.sleep(1_500);
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_stat_force_next_flush()");
            try (ResultSet row = statement.executeQuery("SELECT coalesce(sum(n_dead_tup), 0) FROM pg_stat_user_tables "
                    + "WHERE relname = 'log' OR relname LIKE 'log\\_%'")) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
