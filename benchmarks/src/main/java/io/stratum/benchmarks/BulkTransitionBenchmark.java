package io.stratum.benchmarks;

import io.stratum.api.Dialect;
import io.stratum.api.model.FlowRunState;
import io.stratum.api.model.StateType;
import io.stratum.api.query.ProposedState;
import io.stratum.api.query.StateTransitions;
import io.stratum.api.query.TransitionOutcome;
import io.stratum.orm.model.FlowRunStateEntity;
import io.stratum.orm.types.Json;
import io.stratum.orm.types.StateDetails;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Benchmark 1b: bulk transitions. Every thread owns {@value #BATCH} flow runs and moves all of them at
 * once, one transaction per batch, through PENDING → RUNNING → COMPLETED → SCHEDULED
 * ({@code setFlowRunStates}: on PostgreSQL one locking read and one write statement per batch). The floor
 * writes the same rows by hand with the least work: on PostgreSQL ONE statement per batch (the state
 * inserts and the run updates in one data-modifying CTE, the bookkeeping computed by the database from
 * the run rows, which the update locks); on SQLite, where there are no round trips to save, one read of
 * the batch's runs and two JDBC batches (inserts, updates) in one {@code BEGIN IMMEDIATE} transaction.
 */
final class BulkTransitionBenchmark {
    static final int BATCH = 100;
    /**
     * Batches each thread runs before the timed rounds, at least: the code run once per batch (binding,
     * reading the results) was still being compiled by the JIT after one round of 200 batches, and the
     * first (1-thread) case read lower than the 4-thread one after it.
     */
    static final int MIN_WARM_UP_BATCHES = 1_000;
    private static final StateType[] CYCLE = {StateType.PENDING, StateType.RUNNING, StateType.COMPLETED, StateType.SCHEDULED};

    private BulkTransitionBenchmark() {
    }

    static Comparison measure(Dialect dialect, int threads, int batchesPerThread, int rounds, int minWarmUpBatches)
            throws Exception {
        try (BenchDatabase database = BenchDatabase.create(dialect, threads + 1)) {
            Seeds seeds = new Seeds(database);
            seeds.scheduledRuns(threads * BATCH, Instant.now().plus(1, ChronoUnit.HOURS));
            List<UUID> runs = TransitionBenchmark.RunIds.all(database);
            int[] position = new int[threads];
            Floor floor = new Floor(database);
            int warmUpBatches = Math.max(batchesPerThread, minWarmUpBatches);
            String label = threads + (Dialects.SQLITE.equals(dialect) ? (threads == 1 ? " writer" : " writers")
                    : (threads == 1 ? " thread" : " threads")) + ", batches of " + BATCH;
            return Comparison.measure("Bulk state transitions", dialect.id(), label, "transitions/s",
                    Targets.hotPathFloor(dialect), rounds,
                    throughStratum(database, runs, position, threads, batchesPerThread),
                    byHand(floor, runs, position, threads, batchesPerThread),
                    throughStratum(database, runs, position, threads, warmUpBatches),
                    byHand(floor, runs, position, threads, warmUpBatches));
        }
    }

    private static Workload throughStratum(BenchDatabase database, List<UUID> runs, int[] position, int threads,
                                           int batchesPerThread) {
        return () -> Parallel.run(threads, thread -> viaStratum(database, runs.subList(thread * BATCH,
                (thread + 1) * BATCH), position, thread, batchesPerThread));
    }

    private static Workload byHand(Floor floor, List<UUID> runs, int[] position, int threads, int batchesPerThread) {
        return () -> Parallel.run(threads, thread -> {
            List<UUID> mine = runs.subList(thread * BATCH, (thread + 1) * BATCH);
            for (int i = 0; i < batchesPerThread; i++) {
                floor.transition(mine, CYCLE[position[thread]++ % CYCLE.length]);
            }
            return (long) batchesPerThread * BATCH;
        });
    }

    private static long viaStratum(BenchDatabase database, List<UUID> runs, int[] position, int thread, int batches) {
        StateTransitions api = database.db().queries().transitions();
        for (int i = 0; i < batches; i++) {
            StateType type = CYCLE[position[thread]++ % CYCLE.length];
            Instant now = Instant.now();
            List<ProposedState<FlowRunState>> batch = new ArrayList<>(runs.size());
            for (UUID run : runs) {
                FlowRunStateEntity state = new FlowRunStateEntity(type, TransitionBenchmark.name(type));
                state.setTimestamp(now);
                if (type == StateType.SCHEDULED) {
                    state.setStateDetails(StateDetails.empty().withScheduledTime(now.plus(1, ChronoUnit.HOURS)));
                }
                batch.add(ProposedState.of(run, state));
            }
            List<TransitionOutcome> outcomes = database.db().inTransactionForUpdate(session ->
                    api.setFlowRunStates(session, batch));
            for (TransitionOutcome outcome : outcomes) {
                if (!(outcome instanceof TransitionOutcome.Applied)) {
                    throw new IllegalStateException("Not applied: " + outcome);
                }
            }
        }
        return (long) batches * runs.size();
    }

    /** The hand-written floor (see the class comment). */
    private static final class Floor {
        private final BenchDatabase database;
        private final JdbcValues values;
        private final ReentrantLock writer;
        private final boolean postgres;
        private final Map<Integer, String> oneStatement = new java.util.concurrent.ConcurrentHashMap<>();

        Floor(BenchDatabase database) {
            this.database = database;
            this.values = database.values();
            this.writer = JdbcTransaction.writerQueue(database);
            this.postgres = Dialects.POSTGRESQL.equals(database.dialect());
        }

        void transition(List<UUID> runs, StateType type) throws Exception {
            JdbcTransaction.run(database, writer, true, connection -> {
                if (postgres) {
                    oneStatement(connection, runs, type);
                } else {
                    readComputeWrite(connection, runs, type);
                }
                return null;
            });
        }

        private static String details(UUID runId, Instant scheduled) {
            // The reference's whole state_details document (every key, nulls included), as Stratum writes it.
            return Json.write(new StateDetails(runId, null, null, scheduled, null, null, null, null, null, null, null,
                    null, null, null, null, null, null, null), "flow_run_state.state_details");
        }

        private void oneStatement(Connection connection, List<UUID> runs, StateType type) throws Exception {
            String sql = oneStatement.computeIfAbsent(runs.size(), rows -> "WITH v(id, state_id, type, name, ts, "
                    + "scheduled, details) AS (VALUES " + String.join(", ", Collections.nCopies(rows,
                    "(CAST(? AS uuid), CAST(? AS uuid), CAST(? AS state_type), CAST(? AS varchar), "
                            + "CAST(? AS timestamptz), CAST(? AS timestamptz), CAST(? AS jsonb))")) + "),"
                    + " ins AS (INSERT INTO flow_run_state (id, created, updated, flow_run_id, type, \"timestamp\", name,"
                    + " state_details) SELECT state_id, ts, ts, id, type, ts, name, details FROM v)"
                    + " UPDATE flow_run r SET state_id = v.state_id, state_type = v.type, state_name = v.name,"
                    + " state_timestamp = v.ts,"
                    + " start_time = CASE WHEN v.type IN ('RUNNING', 'COMPLETED') THEN coalesce(r.start_time, v.ts)"
                    + " ELSE r.start_time END,"
                    + " end_time = CASE WHEN v.type = 'COMPLETED' THEN coalesce(r.end_time, v.ts)"
                    + " WHEN r.state_type = 'COMPLETED' THEN NULL ELSE r.end_time END,"
                    + " run_count = r.run_count + CASE WHEN v.type = 'RUNNING' THEN 1 ELSE 0 END,"
                    + " total_run_time = r.total_run_time + CASE WHEN r.state_type = 'RUNNING'"
                    + " THEN v.ts - r.state_timestamp ELSE interval '0' END,"
                    + " expected_start_time = coalesce(r.expected_start_time, v.scheduled, v.ts),"
                    + " next_scheduled_start_time = v.scheduled, updated = v.ts"
                    + " FROM v WHERE r.id = v.id");
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            Instant scheduled = type == StateType.SCHEDULED ? now.plus(1, ChronoUnit.HOURS) : null;
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                int p = 1;
                for (UUID run : runs) {
                    values.uuid(statement, p++, run);
                    values.uuid(statement, p++, UUID.randomUUID());
                    statement.setString(p++, type.name());
                    statement.setString(p++, TransitionBenchmark.name(type));
                    values.timestamp(statement, p++, now);
                    values.timestamp(statement, p++, scheduled);
                    statement.setString(p++, details(run, scheduled));
                }
                if (statement.executeUpdate() != runs.size()) {
                    throw new IllegalStateException("Not every run was updated");
                }
            }
        }

        private void readComputeWrite(Connection connection, List<UUID> runs, StateType type) throws Exception {
            record Row(StateType type, Instant at, Instant start, Instant end, int runCount, Duration total,
                       Instant expected) {
            }
            Map<UUID, Row> rows = new HashMap<>();
            try (PreparedStatement read = connection.prepareStatement("SELECT id, state_type, state_timestamp, "
                    + "start_time, end_time, run_count, total_run_time, expected_start_time FROM flow_run WHERE id IN ("
                    + String.join(", ", Collections.nCopies(runs.size(), "?")) + ")")) {
                for (int i = 0; i < runs.size(); i++) {
                    values.uuid(read, i + 1, runs.get(i));
                }
                try (ResultSet row = read.executeQuery()) {
                    while (row.next()) {
                        String text = row.getString(2);
                        rows.put(values.readUuid(row, 1), new Row(text == null ? null : StateType.valueOf(text),
                                values.readTimestamp(row, 3), values.readTimestamp(row, 4), values.readTimestamp(row, 5),
                                row.getInt(6), values.readInterval(row, 7), values.readTimestamp(row, 8)));
                    }
                }
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            Instant scheduled = type == StateType.SCHEDULED ? now.plus(1, ChronoUnit.HOURS) : null;
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO flow_run_state (id, created, "
                    + "updated, flow_run_id, type, \"timestamp\", name, message, state_details, data, result_artifact_id) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, NULL, NULL)");
                 PreparedStatement update = connection.prepareStatement("UPDATE flow_run SET state_id = ?, "
                         + "state_type = ?, state_name = ?, state_timestamp = ?, start_time = ?, end_time = ?, "
                         + "run_count = ?, total_run_time = ?, expected_start_time = ?, next_scheduled_start_time = ?, "
                         + "updated = ? WHERE id = ?")) {
                for (UUID run : runs) {
                    Row r = rows.get(run);
                    UUID stateId = UUID.randomUUID();
                    values.uuid(insert, 1, stateId);
                    values.timestamp(insert, 2, now);
                    values.timestamp(insert, 3, now);
                    values.uuid(insert, 4, run);
                    insert.setString(5, type.name());
                    values.timestamp(insert, 6, now);
                    insert.setString(7, TransitionBenchmark.name(type));
                    insert.setString(8, details(run, scheduled));
                    insert.addBatch();
                    boolean terminal = type == StateType.COMPLETED;
                    Duration total = r.type() == StateType.RUNNING && r.at() != null
                            ? r.total().plus(Duration.between(r.at(), now)) : r.total();
                    Instant start = (type == StateType.RUNNING || terminal) && r.start() == null ? now : r.start();
                    Instant end = terminal ? (r.end() == null ? now : r.end())
                            : r.type() == StateType.COMPLETED ? null : r.end();
                    values.uuid(update, 1, stateId);
                    update.setString(2, type.name());
                    update.setString(3, TransitionBenchmark.name(type));
                    values.timestamp(update, 4, now);
                    values.timestamp(update, 5, start);
                    values.timestamp(update, 6, end);
                    update.setInt(7, r.runCount() + (type == StateType.RUNNING ? 1 : 0));
                    values.interval(update, 8, total);
                    values.timestamp(update, 9, r.expected() != null ? r.expected() : scheduled != null ? scheduled : now);
                    values.timestamp(update, 10, scheduled);
                    values.timestamp(update, 11, now);
                    values.uuid(update, 12, run);
                    update.addBatch();
                }
                insert.executeBatch();
                update.executeBatch();
            }
        }
    }
}
