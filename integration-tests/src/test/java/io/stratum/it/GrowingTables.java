package io.stratum.it;

import io.stratum.api.DatabaseInterface;
import io.stratum.orm.model.FlowEntity;
import io.stratum.orm.model.FlowRunEntity;
import io.stratum.orm.types.FlowRunPolicy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * PostgreSQL's flow_run and flow_run_state as they are in a server's first minute: small when a statement
 * is first planned, then many times larger with no ANALYZE in between (autovacuum off for them), so a plan
 * kept from the start is still the one in use. Never analyzed, the planner takes a table to have at least
 * ten pages; analyzed while small, it knows how small.
 */
final class GrowingTables {
    private GrowingTables() {
    }

    /** {@code count} new flow runs of a new flow, persisted in one transaction. */
    static List<UUID> newRuns(DatabaseInterface db, int count) {
        List<UUID> runs = new ArrayList<>();
        db.inTransaction(session -> {
            FlowEntity flow = new FlowEntity("growing-" + UUID.randomUUID());
            session.persist(flow);
            for (int i = 0; i < count; i++) {
                FlowRunEntity run = new FlowRunEntity(flow.getId());
                run.setEmpiricalPolicy(FlowRunPolicy.empty());
                session.persist(run);
                runs.add(run.getId());
            }
            return null;
        });
        return runs;
    }

    /** Turns autovacuum (and with it the automatic ANALYZE) off for both tables. */
    static void withoutAnalyze(TestDatabase database) throws SQLException {
        withoutAnalyze(database, false);
    }

    /** Analyzes both tables as they are now, then turns autovacuum off for them. */
    static void analyzedNowNotAgain(TestDatabase database) throws SQLException {
        withoutAnalyze(database, true);
    }

    private static void withoutAnalyze(TestDatabase database, boolean analyzeFirst) throws SQLException {
        try (Connection admin = database.connect(); Statement statement = admin.createStatement()) {
            if (analyzeFirst) {
                statement.execute("ANALYZE flow_run, flow_run_state");
            }
            statement.execute("ALTER TABLE flow_run SET (autovacuum_enabled = false)");
            statement.execute("ALTER TABLE flow_run_state SET (autovacuum_enabled = false)");
        }
    }

    /** Adds 3,000 runs of {@code flowRun}'s flow with ten states each. */
    static void grow(TestDatabase database, UUID flowRun) throws SQLException {
        try (Connection admin = database.connect(); Statement statement = admin.createStatement()) {
            statement.execute("INSERT INTO flow_run (id, flow_id, name, state_type)"
                    + " SELECT gen_random_uuid(), flow_id, 'grown-' || n, 'COMPLETED' FROM flow_run, generate_series(1, 3000) n"
                    + " WHERE flow_run.id = '" + flowRun + "'");
            statement.execute("INSERT INTO flow_run_state (id, flow_run_id, type, name, \"timestamp\")"
                    + " SELECT gen_random_uuid(), r.id, 'COMPLETED', 'Completed', timestamp '2026-01-01' + n * interval '1 s'"
                    + " FROM flow_run r, generate_series(1, 10) n WHERE r.name LIKE 'grown-%'");
        }
    }

    /**
     * The whole-table reads counted by this connection and not yet reported to the statistics (those of
     * the current transaction among them), per table.
     */
    static Map<String, Long> sequentialScans(Connection connection) {
        Map<String, Long> scans = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(
                "SELECT relname, seq_scan FROM pg_stat_xact_user_tables WHERE relname IN ('flow_run', 'flow_run_state')"
                        + " ORDER BY relname")) {
            while (row.next()) {
                scans.put(row.getString(1), row.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return scans;
    }
}
