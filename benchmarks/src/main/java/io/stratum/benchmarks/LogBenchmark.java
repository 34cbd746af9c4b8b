package io.stratum.benchmarks;

import io.stratum.api.Dialect;
import io.stratum.api.query.BulkWrites;
import io.stratum.api.query.LogRecord;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.postgresql.PGConnection;

/**
 * Benchmark 3: log rows ingested in calls of {@link #CALL_SIZE}, one transaction per call: Stratum's
 * bulk path (a COPY per call on PostgreSQL, a batched prepared INSERT on SQLite) against a JDBC batch of
 * single-row INSERTs, and on PostgreSQL a hand-written COPY (CSV) as the limit of what the server can take.
 */
final class LogBenchmark {
    static final int CALL_SIZE = 5_000;
    private static final String INSERT = "INSERT INTO log (id, created, updated, name, level, flow_run_id, task_run_id, "
            + "message, \"timestamp\") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private LogBenchmark() {
    }

    static Comparison measure(Dialect dialect, int rows, int rounds) throws Exception {
        try (BenchDatabase database = BenchDatabase.create(dialect, 2)) {
            List<LogRecord> logs = logs(rows);
            List<LogRecord> warmUp = logs.subList(0, Math.min(rows, 50_000));
            BulkWrites bulk = database.db().queries().bulk();
            Comparison comparison = Comparison.measure("Log ingestion", dialect.id(), String.format("%,d rows", rows),
                    "rows/s", 0.9, rounds,
                    ingest(database, logs, slice -> database.db().inTransaction(session -> bulk.insertLogs(session, slice))),
                    ingest(database, logs, slice -> jdbcBatch(database, slice)),
                    ingest(database, warmUp, slice -> database.db().inTransaction(session -> bulk.insertLogs(session, slice))),
                    ingest(database, warmUp, slice -> jdbcBatch(database, slice)));
            if (!Dialects.POSTGRESQL.equals(dialect)) {
                return comparison;
            }
            Workload copy = ingest(database, logs, slice -> copy(database, slice));
            Comparison.rate(ingest(database, warmUp, slice -> copy(database, slice)));
            List<Double> copyRates = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                copyRates.add(Comparison.rate(copy));
            }
            double copyRate = Comparison.median(copyRates);
            Console.progress(String.format("Log ingestion · COPY %,.0f rows/s", copyRate));
            Map<String, Double> extra = new LinkedHashMap<>();
            extra.put("COPY", copyRate);
            return new Comparison(comparison.section(), comparison.dialect(), comparison.label(), comparison.unit(),
                    comparison.stratum(), comparison.jdbc(), comparison.target(), extra, comparison.note());
        }
    }

    static List<LogRecord> logs(int rows) {
        List<UUID> runs = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            runs.add(UUID.randomUUID());
        }
        Instant start = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<LogRecord> logs = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            logs.add(LogRecord.ofFlowRun(runs.get(i % runs.size()), "prefect.flow_runs", 20,
                    "Finished step " + i + " of the benchmark flow in 0.01 s", start.plusNanos(i * 1000L)));
        }
        return logs;
    }

    @FunctionalInterface
    interface Ingest {
        int write(List<LogRecord> slice) throws Exception;
    }

    private static Workload ingest(BenchDatabase database, List<LogRecord> logs, Ingest ingest) {
        return new Workload() {
            @Override
            public void prepare() {
                database.execute(Dialects.POSTGRESQL.equals(database.dialect()) ? "TRUNCATE log" : "DELETE FROM log");
            }

            @Override
            public long run() throws Exception {
                long written = 0;
                for (int from = 0; from < logs.size(); from += CALL_SIZE) {
                    written += ingest.write(logs.subList(from, Math.min(logs.size(), from + CALL_SIZE)));
                }
                return written;
            }

            @Override
            public void verify() throws Exception {
                try (Connection connection = database.dataSource().getConnection();
                     Statement statement = connection.createStatement();
                     ResultSet row = statement.executeQuery("SELECT count(*) FROM log")) {
                    row.next();
                    if (row.getLong(1) != logs.size()) {
                        throw new IllegalStateException(row.getLong(1) + " log rows stored of " + logs.size());
                    }
                }
            }
        };
    }

    private static int jdbcBatch(BenchDatabase database, List<LogRecord> slice) throws Exception {
        JdbcValues values = database.values();
        return JdbcTransaction.run(database, null, true, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                Instant now = Instant.now();
                for (LogRecord log : slice) {
                    values.uuid(insert, 1, UUID.randomUUID());
                    values.timestamp(insert, 2, now);
                    values.timestamp(insert, 3, now);
                    insert.setString(4, log.name());
                    insert.setInt(5, log.level());
                    values.uuid(insert, 6, log.flowRunId());
                    values.uuid(insert, 7, log.taskRunId());
                    insert.setString(8, log.message());
                    values.timestamp(insert, 9, log.timestamp());
                    insert.addBatch();
                }
                insert.executeBatch();
                return slice.size();
            }
        });
    }

    private static int copy(BenchDatabase database, List<LogRecord> slice) throws Exception {
        StringBuilder csv = new StringBuilder(slice.size() * 160);
        Instant now = Instant.now();
        for (LogRecord log : slice) {
            csv.append(UUID.randomUUID()).append(',').append(now).append(',').append(now).append(',')
                    .append(quoted(log.name())).append(',').append(log.level()).append(',').append(log.flowRunId())
                    .append(',').append(log.taskRunId() == null ? "" : log.taskRunId()).append(',')
                    .append(quoted(log.message())).append(',').append(log.timestamp()).append('\n');
        }
        return JdbcTransaction.run(database, null, true, connection -> (int) connection.unwrap(PGConnection.class)
                .getCopyAPI().copyIn("COPY log (id, created, updated, name, level, flow_run_id, task_run_id, message, "
                        + "\"timestamp\") FROM STDIN (FORMAT csv)", new StringReader(csv.toString())));
    }

    private static String quoted(String text) {
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
