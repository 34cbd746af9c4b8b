package io.stratum.queries.internal;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.query.RetentionRequest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a clean would delete, counted in one read transaction and nothing written: the flow runs that go
 * (top-level ones, and recursively the subflow runs that become top-level when their parent task run goes
 * and qualify themselves), what cascades from them, the logs and artifacts left without a run, the
 * collections deleted (and re-pointed), and the events and resources of the cut-offs. Reads only, so
 * neither database's writers wait for it.
 */
final class RetentionDryRun {
    private static final String TERMINAL = "('COMPLETED', 'FAILED', 'CANCELLED', 'CRASHED')";
    private static final String DOOMED_RUNS = "WITH RECURSIVE doomed(id) AS ("
            + "SELECT id FROM flow_run WHERE parent_task_run_id IS NULL AND state_type IN " + TERMINAL
            + " AND end_time IS NOT NULL AND end_time < :cutoff "
            + "UNION SELECT c.id FROM doomed d JOIN task_run t ON t.flow_run_id = d.id "
            + "JOIN flow_run c ON c.parent_task_run_id = t.id WHERE c.state_type IN " + TERMINAL
            + " AND c.end_time IS NOT NULL AND c.end_time < :cutoff) ";
    /** An artifact or log row {@code x} that goes: it names a run that goes or no run at all. */
    private static final String GONE = "(%1$s.flow_run_id IS NOT NULL AND (%1$s.flow_run_id IN (SELECT id FROM doomed) "
            + "OR NOT EXISTS (SELECT 1 FROM flow_run f WHERE f.id = %1$s.flow_run_id)))";
    private static final String STALE = "NOT EXISTS (SELECT 1 FROM artifact a WHERE a.id = c.latest_id AND NOT "
            + String.format(GONE, "a") + ")";
    private static final String KEY_LEFT = "EXISTS (SELECT 1 FROM artifact a WHERE a.\"key\" = c.\"key\" AND NOT "
            + String.format(GONE, "a") + ")";
    private static final String RUN_COUNTS = DOOMED_RUNS + "SELECT (SELECT count(*) FROM doomed), "
            + "(SELECT count(*) FROM flow_run_state WHERE flow_run_id IN (SELECT id FROM doomed)), "
            + "(SELECT count(*) FROM task_run WHERE flow_run_id IN (SELECT id FROM doomed)), "
            + "(SELECT count(*) FROM task_run_state WHERE task_run_id IN (SELECT id FROM task_run WHERE flow_run_id IN (SELECT id FROM doomed))), "
            + "(SELECT count(*) FROM flow_run_input WHERE flow_run_id IN (SELECT id FROM doomed)), "
            + "(SELECT count(*) FROM log l WHERE " + String.format(GONE, "l") + "), "
            + "(SELECT count(*) FROM artifact x WHERE " + String.format(GONE, "x") + "), "
            + "(SELECT count(*) FROM artifact_collection c WHERE " + STALE + " AND NOT " + KEY_LEFT + "), "
            + "(SELECT count(*) FROM artifact_collection c WHERE " + STALE + " AND " + KEY_LEFT + ")";

    private final DatabaseInterface database;
    private final DialectSql dialect;

    RetentionDryRun(DatabaseInterface database, DialectSql dialect) {
        this.database = database;
        this.dialect = dialect;
    }

    void count(RetentionRequest request, BatchedRetention.Tally tally) {
        request.flowRunsBefore().ifPresent(cutoff -> {
            long started = System.nanoTime();
            long[] counts = read(RUN_COUNTS, Map.of("cutoff", cutoff), 9);
            List<String> tables = List.of(BatchedRetention.FLOW_RUN, BatchedRetention.FLOW_RUN_STATE,
                    BatchedRetention.TASK_RUN, BatchedRetention.TASK_RUN_STATE, BatchedRetention.FLOW_RUN_INPUT,
                    BatchedRetention.LOG, BatchedRetention.ARTIFACT, BatchedRetention.ARTIFACT_COLLECTION);
            for (int i = 0; i < tables.size(); i++) {
                tally.start(tables.get(i));
                tally.rows.put(tables.get(i), counts[i]);
                tally.finish(tables.get(i), started);
            }
            tally.repointed = counts[8];
        });
        request.eventsBefore().ifPresent(cutoff -> {
            long started = System.nanoTime();
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("cutoff", cutoff);
            StringBuilder goes = new StringBuilder("(e.occurred < :cutoff");
            int i = 0;
            for (Map.Entry<String, Instant> type : request.eventTypesBefore().entrySet()) {
                goes.append(" OR (e.event = :type").append(i).append(" AND e.occurred < :cutoff").append(i).append(')');
                parameters.put("type" + i, type.getKey());
                parameters.put("cutoff" + i, type.getValue());
                i++;
            }
            goes.append(')');
            String sql = "SELECT (SELECT count(*) FROM event_resources r WHERE r.event_id IN (SELECT e.id FROM events e WHERE "
                    + goes + ") OR (r.occurred < :cutoff AND NOT EXISTS (SELECT 1 FROM events e WHERE e.id = r.event_id))), "
                    + "(SELECT count(*) FROM events e WHERE " + goes + ")";
            long[] counts = read(sql, parameters, 2);
            tally.start(BatchedRetention.EVENT_RESOURCES);
            tally.rows.put(BatchedRetention.EVENT_RESOURCES, counts[0]);
            tally.finish(BatchedRetention.EVENT_RESOURCES, started);
            tally.start(BatchedRetention.EVENTS);
            tally.rows.put(BatchedRetention.EVENTS, counts[1]);
            tally.finish(BatchedRetention.EVENTS, started);
        });
    }

    private long[] read(String sql, Map<String, ?> parameters, int columns) {
        return database.sessionContext(true, false, session -> {
            TransactionSql transaction = TransactionSql.of(session, dialect, "counting what a clean would delete");
            NamedSql.Bound bound = NamedSql.bind(sql, parameters);
            return transaction.queryOne(bound.sql(), row -> {
                long[] counts = new long[columns];
                for (int c = 0; c < columns; c++) {
                    counts[c] = row.getLong(c + 1);
                }
                return counts;
            }, bound.parameters().toArray()).orElseThrow();
        });
    }
}
