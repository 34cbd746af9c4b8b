package io.stratum.benchmarks;

import io.stratum.api.Dialect;
import io.stratum.api.model.StateType;
import io.stratum.api.query.StateTransitions;
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
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Benchmark 1: one state transition per transaction (lock the run, insert the state, update the run),
 * every thread cycling its own runs through PENDING → RUNNING → COMPLETED → SCHEDULED.
 */
final class TransitionBenchmark {
    private static final int RUNS_PER_THREAD = 20;
    private static final StateType[] CYCLE = {StateType.PENDING, StateType.RUNNING, StateType.COMPLETED, StateType.SCHEDULED};

    private TransitionBenchmark() {
    }

    static Comparison measure(Dialect dialect, int threads, int transitionsPerThread, int rounds) throws Exception {
        try (BenchDatabase database = BenchDatabase.create(dialect, threads + 1)) {
            Seeds seeds = new Seeds(database);
            seeds.scheduledRuns(threads * RUNS_PER_THREAD, Instant.now().plus(1, ChronoUnit.HOURS));
            List<UUID> runs = RunIds.all(database);
            Runs state = new Runs(runs.size());
            Workload stratum = () -> Parallel.run(threads, thread -> viaStratum(database, runs, state, thread,
                    threads, transitionsPerThread));
            JdbcTransitions jdbc = new JdbcTransitions(database);
            Workload handWritten = () -> Parallel.run(threads, thread -> {
                long done = 0;
                for (int i = 0; i < transitionsPerThread; i++) {
                    int run = thread * RUNS_PER_THREAD + i % RUNS_PER_THREAD;
                    jdbc.transition(runs.get(run), state.next(run));
                    done++;
                }
                return done;
            });
            String label = threads + (Dialects.SQLITE.equals(dialect) ? (threads == 1 ? " writer" : " writers")
                    : (threads == 1 ? " thread" : " threads"));
            return Comparison.measure("State transitions", dialect.id(), label, "transitions/s", 0.8, rounds, stratum,
                    handWritten);
        }
    }

    private static long viaStratum(BenchDatabase database, List<UUID> runs, Runs state, int thread, int threads,
                                   int transitions) {
        StateTransitions api = database.db().queries().transitions();
        long done = 0;
        for (int i = 0; i < transitions; i++) {
            int run = thread * RUNS_PER_THREAD + i % RUNS_PER_THREAD;
            StateType type = state.next(run);
            FlowRunStateEntity newState = new FlowRunStateEntity(type, name(type));
            newState.setTimestamp(Instant.now());
            if (type == StateType.SCHEDULED) {
                newState.setStateDetails(StateDetails.empty().withScheduledTime(Instant.now().plus(1, ChronoUnit.HOURS)));
            }
            database.db().inTransactionForUpdate(session -> api.setFlowRunState(session, runs.get(run), newState));
            done++;
        }
        return done;
    }

    static String name(StateType type) {
        String lower = type.name().toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }

    /** Where each run is in the cycle; every run belongs to one thread, so plain ints suffice. */
    private static final class Runs {
        private final int[] position;

        Runs(int count) {
            position = new int[count];
        }

        StateType next(int run) {
            return CYCLE[position[run]++ % CYCLE.length];
        }
    }

    /**
     * The same three statements written by hand with the same bookkeeping: what an engine without
     * Stratum would run. SQLite writers queue on a fair lock, as they must in one process.
     */
    private static final class JdbcTransitions {
        private static final String LOCK = "SELECT state_type, state_timestamp, start_time, end_time, run_count, "
                + "total_run_time, expected_start_time, next_scheduled_start_time, empirical_policy, parent_task_run_id "
                + "FROM flow_run WHERE id = ?";
        private static final String INSERT = "INSERT INTO flow_run_state (id, created, updated, flow_run_id, type, "
                + "\"timestamp\", name, message, state_details, data, result_artifact_id) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, NULL, NULL) ON CONFLICT (flow_run_id, \"timestamp\") DO NOTHING";
        private static final String UPDATE = "UPDATE flow_run SET state_id = ?, state_type = ?, state_name = ?, "
                + "state_timestamp = ?, start_time = ?, end_time = ?, run_count = ?, total_run_time = ?, "
                + "expected_start_time = ?, next_scheduled_start_time = ?, updated = ? WHERE id = ?";

        private final BenchDatabase database;
        private final JdbcValues values;
        private final String lockSql;
        private final ReentrantLock writer;

        JdbcTransitions(BenchDatabase database) {
            this.database = database;
            this.values = database.values();
            this.writer = JdbcTransaction.writerQueue(database);
            this.lockSql = Dialects.SQLITE.equals(database.dialect()) ? LOCK : LOCK + " FOR UPDATE";
        }

        void transition(UUID runId, StateType type) throws Exception {
            JdbcTransaction.run(database, writer, true, connection -> {
                transition(connection, runId, type);
                return null;
            });
        }

        private void transition(Connection connection, UUID runId, StateType type) throws Exception {
            StateType currentType;
            Instant current;
            Instant start;
            Instant end;
            int runCount;
            Duration total;
            Instant expected;
            try (PreparedStatement lock = connection.prepareStatement(lockSql)) {
                values.uuid(lock, 1, runId);
                try (ResultSet row = lock.executeQuery()) {
                    if (!row.next()) {
                        throw new IllegalStateException("No flow run " + runId);
                    }
                    String typeText = row.getString(1);
                    currentType = typeText == null ? null : StateType.valueOf(typeText);
                    current = values.readTimestamp(row, 2);
                    start = values.readTimestamp(row, 3);
                    end = values.readTimestamp(row, 4);
                    runCount = row.getInt(5);
                    total = values.readInterval(row, 6);
                    expected = values.readTimestamp(row, 7);
                    row.getString(9);
                }
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            Instant at = now; // kept unless another state of the run has it (the loop below), as Stratum does
            Instant scheduled = type == StateType.SCHEDULED ? now.plus(1, ChronoUnit.HOURS) : null;
            UUID stateId = UUID.randomUUID();
            // The row must hold what Stratum's does: the reference's whole state_details document (every key,
            // nulls included), serialised with the same Jackson settings.
            String details = Json.write(new StateDetails(runId, null, null, scheduled, null, null, null, null, null, null,
                    null, null, null, null, null, null, null, null), "flow_run_state.state_details");
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                while (true) {
                    values.uuid(insert, 1, stateId);
                    values.timestamp(insert, 2, now);
                    values.timestamp(insert, 3, now);
                    values.uuid(insert, 4, runId);
                    insert.setString(5, type.name());
                    values.timestamp(insert, 6, at);
                    insert.setString(7, name(type));
                    insert.setString(8, details);
                    if (insert.executeUpdate() == 1) {
                        break;
                    }
                    at = at.plus(1, ChronoUnit.MICROS);
                }
            }
            boolean terminal = type == StateType.COMPLETED;
            if (currentType == StateType.RUNNING && current != null) {
                total = total.plus(Duration.between(current, at));
            }
            if (type == StateType.RUNNING) {
                runCount++;
                start = start == null ? at : start;
                end = null;
            } else if (terminal) {
                start = start == null ? at : start;
                end = end == null ? at : end;
            } else {
                end = null;
            }
            expected = expected == null ? (scheduled == null ? at : scheduled) : expected;
            try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
                values.uuid(update, 1, stateId);
                update.setString(2, type.name());
                update.setString(3, name(type));
                values.timestamp(update, 4, at);
                values.timestamp(update, 5, start);
                values.timestamp(update, 6, end);
                update.setInt(7, runCount);
                values.interval(update, 8, total);
                values.timestamp(update, 9, expected);
                values.timestamp(update, 10, scheduled);
                values.timestamp(update, 11, now);
                values.uuid(update, 12, runId);
                if (update.executeUpdate() != 1) {
                    throw new IllegalStateException("Flow run " + runId + " was not updated");
                }
            }
        }
    }

    /** The ids of every flow run, in name order. */
    static final class RunIds {
        private RunIds() {
        }

        static List<UUID> all(BenchDatabase database) throws Exception {
            List<UUID> ids = new ArrayList<>();
            try (Connection connection = database.dataSource().getConnection();
                 PreparedStatement select = connection.prepareStatement("SELECT id FROM flow_run ORDER BY name");
                 ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    ids.add(database.values().readUuid(row, 1));
                }
            }
            return ids;
        }
    }
}
