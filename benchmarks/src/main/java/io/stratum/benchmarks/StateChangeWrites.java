package io.stratum.benchmarks;

import io.stratum.api.Dialect;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark 11 (issue 18 item 4): what a flow_run state change costs in writes on PostgreSQL. Stratum's
 * bulk lifecycle (claim 100, start the batch, finish the batch) runs step by step over the given runs on
 * one connection; around each step the table statistics (rows updated, of them HOT), flow_run's index
 * sizes and the WAL position are read, and one run's row is compared before and after to name the columns
 * the step changes and the indexes that cover them. Run once as migrated and once with flow_run at
 * {@code fillfactor = 85}, the room a HOT update needs on the page.
 */
final class StateChangeWrites {
    static final int FILLFACTOR = 85;
    private static final Pattern WORD = Pattern.compile("[a-z_]+");

    private StateChangeWrites() {
    }

    /** One lifecycle step measured over every run. */
    record Step(String fillfactor, String step, double updatesPerRun, double hotShare, Set<String> changedColumns,
                List<String> touchedIndexes, int indexes, double indexBytesPerRun, double heapBytesPerRun, Wal wal) {
    }

    /**
     * WAL per run by what it was written for: flow_run's heap, its indexes (and the largest of them), and
     * flow_run_state with its indexes. Read with pg_walinspect from the records whose blocks belong to the
     * benchmark's database, so other databases' writes on the same server do not count (commit records carry
     * no block and are left out).
     */
    record Wal(double flowRunHeap, double flowRunIndexes, double states, double other, String largestIndex,
               double largestIndexBytes) {
        double total() {
            return flowRunHeap + flowRunIndexes + states + other;
        }
    }

    private static final String WAL_BY_RELATION = "WITH r AS (SELECT record_length, "
            + "regexp_match(block_ref, 'rel \\d+/(\\d+)/(\\d+)') AS ref "
            + "FROM pg_get_wal_records_info(CAST(? AS pg_lsn), CAST(? AS pg_lsn)) WHERE block_ref IS NOT NULL) "
            + "SELECT CASE WHEN c.oid = 'flow_run'::regclass THEN 'heap' "
            + "WHEN i.indrelid = 'flow_run'::regclass THEN 'index' "
            + "WHEN c.oid = 'flow_run_state'::regclass OR i.indrelid = 'flow_run_state'::regclass THEN 'states' "
            + "ELSE 'other' END, coalesce(c.relname, '?'), sum(r.record_length) "
            + "FROM r LEFT JOIN pg_class c ON c.relfilenode = CAST(r.ref[2] AS oid) AND c.relfilenode <> 0 "
            + "LEFT JOIN pg_index i ON i.indexrelid = c.oid "
            + "WHERE CAST(r.ref[1] AS oid) = (SELECT oid FROM pg_database WHERE datname = current_database()) "
            + "GROUP BY 1, 2";

    static List<Step> measure(Dialect dialect, int runs) throws Exception {
        List<Step> steps = new ArrayList<>();
        if (!Dialects.POSTGRESQL.equals(dialect)) {
            return steps;
        }
        for (Integer fillfactor : new Integer[] {null, FILLFACTOR}) {
            steps.addAll(measureOnce(dialect, fillfactor, runs));
        }
        return steps;
    }

    private static List<Step> measureOnce(Dialect dialect, Integer fillfactor, int runs) throws Exception {
        String label = fillfactor == null ? "as migrated (100)" : String.valueOf(fillfactor);
        List<Step> steps = new ArrayList<>();
        try (BenchDatabase database = BenchDatabase.create(dialect, 1)) {
            if (fillfactor != null) {
                database.execute("ALTER TABLE flow_run SET (fillfactor = " + fillfactor + ")");
            }
            // Reads the WAL records of this database alone (superuser; the benchmarks run as postgres).
            database.execute("CREATE EXTENSION IF NOT EXISTS pg_walinspect");
            Seeds seeds = new Seeds(database);
            seeds.scheduledRuns(runs, Instant.now().minus(1, ChronoUnit.HOURS));
            database.execute("VACUUM ANALYZE flow_run", "VACUUM ANALYZE flow_run_state");
            StratumLifecycle.BulkTransitions lifecycle = new StratumLifecycle.BulkTransitions(database);
            try (Connection stats = DriverManager.getConnection(database.url(), BenchDatabase.Server.USER,
                    BenchDatabase.Server.PASSWORD)) {
                List<List<UUID>> batches = new ArrayList<>();
                UUID sample = anyRun(stats);
                Snapshot before = Snapshot.take(database, stats, sample);
                WalTally wal = new WalTally(stats);
                for (List<UUID> batch = wal.around(LifecycleBenchmark.BATCH, lifecycle::claim); !batch.isEmpty();
                     batch = wal.around(LifecycleBenchmark.BATCH, lifecycle::claim)) {
                    batches.add(batch);
                }
                before = record(steps, label, "claim (SCHEDULED → PENDING)", database, stats, before, sample, wal.take(), runs);
                for (List<UUID> batch : batches) {
                    wal.around(batch.size(), () -> {
                        lifecycle.start(batch);
                        return batch;
                    });
                }
                before = record(steps, label, "start (PENDING → RUNNING)", database, stats, before, sample, wal.take(), runs);
                for (List<UUID> batch : batches) {
                    wal.around(batch.size(), () -> {
                        lifecycle.finish(batch);
                        return batch;
                    });
                }
                record(steps, label, "finish (RUNNING → COMPLETED)", database, stats, before, sample, wal.take(), runs);
            }
        }
        return steps;
    }

    private static Snapshot record(List<Step> steps, String label, String name, BenchDatabase database, Connection stats,
                                   Snapshot before, UUID sample, Wal wal, int runs) throws Exception {
        Snapshot after = Snapshot.take(database, stats, sample);
        Set<String> changed = new TreeSet<>();
        Map<String, Object> previous = before.sampleRow();
        for (Map.Entry<String, Object> column : after.sampleRow().entrySet()) {
            if (!java.util.Objects.equals(column.getValue(), previous.get(column.getKey()))) {
                changed.add(column.getKey());
            }
        }
        List<String> touched = new ArrayList<>();
        after.indexColumns().forEach((index, columns) -> {
            if (columns.stream().anyMatch(changed::contains)) {
                touched.add(index);
            }
        });
        long updates = after.updates() - before.updates();
        Step step = new Step(label, name, updates / (double) runs,
                updates == 0 ? 0 : (after.hotUpdates() - before.hotUpdates()) / (double) updates, changed, touched,
                after.indexColumns().size(), (after.indexBytes() - before.indexBytes()) / (double) runs,
                (after.heapBytes() - before.heapBytes()) / (double) runs, wal);
        Console.progress(String.format(Locale.ROOT, "State change writes · fillfactor %s · %s: %.2f flow_run updates/run, "
                        + "%.0f%% HOT, %d of %d indexes cover changed columns %s; flow_run index growth %.0f B/run; "
                        + "WAL per run: %s", label, name, step.updatesPerRun(), step.hotShare() * 100, touched.size(),
                step.indexes(), changed, step.indexBytesPerRun(), step.wal()));
        steps.add(step);
        return after;
    }

    /** Counters and sizes at one moment, and the sample run's row. */
    private record Snapshot(long updates, long hotUpdates, long indexBytes, long heapBytes,
                            Map<String, Set<String>> indexColumns, Map<String, Object> sampleRow) {

        static Snapshot take(BenchDatabase database, Connection stats, UUID sample) throws Exception {
            flushStatistics(database);
            try (Statement statement = stats.createStatement()) {
                statement.execute("SELECT pg_stat_clear_snapshot()");
                long updates;
                long hot;
                try (ResultSet row = statement.executeQuery("SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables "
                        + "WHERE relid = 'flow_run'::regclass")) {
                    row.next();
                    updates = row.getLong(1);
                    hot = row.getLong(2);
                }
                long heap;
                try (ResultSet row = statement.executeQuery("SELECT pg_relation_size('flow_run')")) {
                    row.next();
                    heap = row.getLong(1);
                }
                Set<String> columns = columns(statement);
                Map<String, Set<String>> indexColumns = new LinkedHashMap<>();
                long indexBytes = 0;
                try (ResultSet row = statement.executeQuery("SELECT c.relname, pg_get_indexdef(i.indexrelid), "
                        + "pg_relation_size(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                        + "WHERE i.indrelid = 'flow_run'::regclass ORDER BY c.relname")) {
                    while (row.next()) {
                        String definition = row.getString(2);
                        String afterTable = definition.substring(definition.indexOf(" USING ") + 1);
                        Set<String> covered = new TreeSet<>();
                        Matcher word = WORD.matcher(afterTable);
                        while (word.find()) {
                            if (columns.contains(word.group())) {
                                covered.add(word.group());
                            }
                        }
                        indexColumns.put(row.getString(1), covered);
                        indexBytes += row.getLong(3);
                    }
                }
                return new Snapshot(updates, hot, indexBytes, heap, indexColumns, row(stats, sample));
            }
        }

        private static Set<String> columns(Statement statement) throws SQLException {
            Set<String> columns = new TreeSet<>();
            try (ResultSet row = statement.executeQuery("SELECT attname FROM pg_attribute WHERE attrelid = "
                    + "'flow_run'::regclass AND attnum > 0 AND NOT attisdropped")) {
                while (row.next()) {
                    columns.add(row.getString(1));
                }
            }
            return columns;
        }

        private static Map<String, Object> row(Connection stats, UUID id) throws SQLException {
            Map<String, Object> values = new LinkedHashMap<>();
            try (PreparedStatement select = stats.prepareStatement("SELECT * FROM flow_run WHERE id = ?")) {
                select.setObject(1, id);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    for (int c = 1; c <= row.getMetaData().getColumnCount(); c++) {
                        Object value = row.getObject(c);
                        values.put(row.getMetaData().getColumnName(c), value == null ? null : value.toString());
                    }
                }
            }
            return values;
        }

        /**
         * Table statistics reach the shared counters when a backend goes idle, at most once a second:
         * ask the pool's one backend to flush, then give it the second.
         */
        private static void flushStatistics(BenchDatabase database) throws Exception {
            database.execute("SELECT pg_stat_force_next_flush()");
            Thread.sleep(1_500);
        }
    }

    /**
     * The WAL of this database's blocks, read batch by batch right after each batch: over a whole step the
     * server (other databases' loads included) wrote enough WAL for a checkpoint to recycle the start of it.
     */
    private static final class WalTally {
        private final Connection stats;
        private final Map<String, Long> bytes = new LinkedHashMap<>();
        private long tallied;

        WalTally(Connection stats) {
            this.stats = stats;
        }

        @FunctionalInterface
        interface Batch<T> {
            T run() throws Exception;
        }

        /** Runs one batch of {@code runs} runs and adds the WAL it wrote. */
        <T> T around(int runs, Batch<T> batch) throws Exception {
            String from = lsn();
            T result = batch.run();
            String to = lsn();
            if (to.equals(from)) {
                return result;
            }
            awaitFlushed(to);
            Map<String, Long> batchBytes = new LinkedHashMap<>();
            try (PreparedStatement select = stats.prepareStatement(WAL_BY_RELATION)) {
                select.setString(1, from);
                select.setString(2, to);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        batchBytes.merge(row.getString(1) + "\t" + row.getString(2), row.getLong(3), Long::sum);
                    }
                }
            } catch (SQLException e) {
                // A checkpoint recycled the batch's first segment (other databases' loads write WAL too):
                // this batch is left out of the average, which is per run tallied.
                if (e.getMessage() != null && e.getMessage().contains("has already been removed")) {
                    return result;
                }
                throw e;
            }
            batchBytes.forEach((key, value) -> bytes.merge(key, value, Long::sum));
            tallied += runs;
            return result;
        }

        /** The bytes per run since the last take, by kind; starts over. */
        Wal take() {
            Map<String, Double> byKind = new LinkedHashMap<>();
            String largest = "";
            double largestBytes = 0;
            for (Map.Entry<String, Long> entry : bytes.entrySet()) {
                String[] kindAndRelation = entry.getKey().split("\t");
                double perRun = entry.getValue() / (double) tallied;
                byKind.merge(kindAndRelation[0], perRun, Double::sum);
                if (kindAndRelation[0].equals("index") && perRun > largestBytes) {
                    largest = kindAndRelation[1];
                    largestBytes = perRun;
                }
            }
            bytes.clear();
            tallied = 0;
            return new Wal(byKind.getOrDefault("heap", 0.0), byKind.getOrDefault("index", 0.0),
                    byKind.getOrDefault("states", 0.0), byKind.getOrDefault("other", 0.0), largest, largestBytes);
        }

        /**
         * pg_walinspect reads only flushed WAL; with {@code synchronous_commit = off} the WAL writer flushes
         * a batch's records within a few hundred milliseconds.
         */
        private void awaitFlushed(String lsn) throws Exception {
            try (PreparedStatement flushed = stats.prepareStatement("SELECT pg_current_wal_flush_lsn() >= CAST(? AS pg_lsn)")) {
                flushed.setString(1, lsn);
                while (true) {
                    try (ResultSet row = flushed.executeQuery()) {
                        row.next();
                        if (row.getBoolean(1)) {
                            return;
                        }
                    }
                    Thread.sleep(20);
                }
            }
        }

        private String lsn() throws SQLException {
            try (Statement statement = stats.createStatement();
                 ResultSet row = statement.executeQuery("SELECT CAST(pg_current_wal_lsn() AS text)")) {
                row.next();
                return row.getString(1);
            }
        }
    }

    private static UUID anyRun(Connection stats) throws SQLException {
        try (Statement statement = stats.createStatement();
             ResultSet row = statement.executeQuery("SELECT id FROM flow_run LIMIT 1")) {
            row.next();
            return row.getObject(1, UUID.class);
        }
    }
}
