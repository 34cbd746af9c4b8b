package io.stratum.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

class RetentionPostgresTest extends RetentionContract {

    @Override
    TestDatabase newDatabase() {
        return new PostgresTestDatabase();
    }

    /**
     * EXPLAIN; unless {@code asPlanned}, with sequential scans priced out ({@code enable_seqscan = off}),
     * so that a plan still reading a table sequentially has no index to search it with (on a test's few
     * rows the planner would rightly prefer a scan).
     */
    @Override
    List<String> plan(Connection connection, String sql, List<Object> parameters, boolean asPlanned) throws Exception {
        try (Statement settings = connection.createStatement()) {
            settings.execute("SET enable_seqscan = " + (asPlanned ? "on" : "off"));
        }
        List<String> lines = new ArrayList<>();
        try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                Object value = parameters.get(i);
                explain.setObject(i + 1, value instanceof Instant ? Timestamp.from((Instant) value) : value);
            }
            try (ResultSet row = explain.executeQuery()) {
                while (row.next()) {
                    lines.add(row.getString(1));
                }
            }
        }
        return lines;
    }

    @Override
    boolean scans(String planLine, String table) {
        return planLine.toLowerCase(Locale.ROOT).matches(".*seq scan on " + table + "\\b.*");
    }

    /** 20,000 runs (a tenth subflows, a third young, a fifth scheduled) and 20,000 events, then ANALYZE. */
    @Override
    void seedVolume(Connection connection, UUID flowId) throws Exception {
        try (Statement s = connection.createStatement()) {
            s.execute("INSERT INTO flow_run (name, flow_id, state_type, end_time, parent_task_run_id) "
                    + "SELECT 'r' || i, '" + flowId + "', (CASE WHEN i % 5 = 0 THEN 'SCHEDULED' ELSE 'COMPLETED' END)::state_type, "
                    + "CASE WHEN i % 5 = 0 THEN NULL ELSE now() - (i % 300) * interval '1 day' END, NULL "
                    + "FROM generate_series(1, 20000) AS i");
            s.execute("INSERT INTO events (occurred, event, resource_id, resource, payload, received, recorded) "
                    + "SELECT now() - (i % 30) * interval '1 day', CASE WHEN i % 4 = 0 THEN 'prefect.flow-run.Completed' "
                    + "ELSE 'prefect.flow-run.heartbeat' END, 'r', '{}', '{}', now(), now() FROM generate_series(1, 20000) AS i");
            s.execute("ANALYZE flow_run");
            s.execute("ANALYZE events");
        }
    }
}
