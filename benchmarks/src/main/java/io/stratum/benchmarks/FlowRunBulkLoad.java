package io.stratum.benchmarks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads millions of flow runs as a bulk load is done: the table's secondary indexes dropped, the rows
 * inserted, the indexes built again from their own definitions (a sorted build instead of millions of
 * random inserts into ~25 indexes: 8,000 rows/s the slow way on the benchmark machine, so 10,000,000
 * runs took more than 20 minutes). On PostgreSQL a superuser also skips the per-row foreign-key checks
 * ({@code session_replication_role = replica}): the generated rows reference the one seeded flow and queue.
 * The primary key stays (other tables' foreign keys hang on it). Afterwards the table has exactly the
 * indexes it had before, which {@link #load} checks.
 */
final class FlowRunBulkLoad {
    private FlowRunBulkLoad() {
    }

    /** Runs the {@code inserts} (each in autocommit, on one connection) with flow_run's secondary indexes dropped. */
    static void load(BenchDatabase database, List<String> inserts) throws Exception {
        boolean postgres = Dialects.POSTGRESQL.equals(database.dialect());
        Map<String, String> indexes = indexes(database, postgres);
        for (String name : indexes.keySet()) {
            database.execute("DROP INDEX " + name);
        }
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            if (postgres) {
                // Stratum's sessions stop a statement after the configured timeout; a load of millions may take longer.
                statement.execute("SET statement_timeout = 0");
            }
            boolean skipForeignKeys = postgres && superuser(statement);
            if (skipForeignKeys) {
                statement.execute("SET session_replication_role = replica");
            }
            try {
                for (String insert : inserts) {
                    statement.execute(insert);
                }
            } finally {
                if (skipForeignKeys) {
                    statement.execute("RESET session_replication_role");
                }
                if (postgres) {
                    statement.execute("RESET statement_timeout");
                }
            }
        }
        List<String> build = new ArrayList<>();
        if (postgres) {
            build.add("SET maintenance_work_mem = '512MB'");
            build.add("SET statement_timeout = 0");
        }
        build.addAll(indexes.values());
        if (postgres) {
            build.add("RESET maintenance_work_mem");
            build.add("RESET statement_timeout");
        }
        database.execute(build.toArray(String[]::new));
        Map<String, String> after = indexes(database, postgres);
        if (!after.equals(indexes)) {
            throw new IllegalStateException("The bulk load changed flow_run's indexes: " + indexes + " became " + after);
        }
    }

    /** flow_run's indexes that are not a constraint's, name to definition. */
    private static Map<String, String> indexes(BenchDatabase database, boolean postgres) throws SQLException {
        String sql = postgres
                ? "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'flow_run' "
                        + "AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = 'flow_run'::regclass) "
                        + "ORDER BY indexname"
                : "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'flow_run' AND sql IS NOT NULL "
                        + "ORDER BY name";
        Map<String, String> indexes = new LinkedHashMap<>();
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            while (row.next()) {
                indexes.put(row.getString(1), row.getString(2));
            }
        }
        return indexes;
    }

    private static boolean superuser(Statement statement) throws SQLException {
        try (ResultSet row = statement.executeQuery("SELECT current_setting('is_superuser') = 'on'")) {
            row.next();
            return row.getBoolean(1);
        }
    }
}
