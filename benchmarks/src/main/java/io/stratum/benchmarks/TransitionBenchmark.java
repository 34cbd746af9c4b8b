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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Benchmark 1: one state transition per transaction (lock the run, insert the state, update the run),
 * every thread cycling its own runs through PENDING → RUNNING → COMPLETED → SCHEDULED. Stratum's is one
 * statement on PostgreSQL (plus the commit) and three on SQLite; the hand-written paths are the former
 * three statements (both databases) and, on PostgreSQL, the one-statement floor.
 */
final class TransitionBenchmark {
    private static final int RUNS_PER_THREAD = 20;
    private static final StateType[] CYCLE = {StateType.PENDING, StateType.RUNNING, StateType.COMPLETED, StateType.SCHEDULED};
    static final String SECTION = "State transitions";
    private static final String UNIT = "transitions/s";
    /** The PostgreSQL floor: the same rows in one hand-written statement per transition. */
    static final String ONE_STATEMENT = "one-statement floor";
    /** What Stratum's single transition sent before issue 18 item 2, written by hand. */
    static final String THREE_STATEMENTS = "former three-statement path, hand-written";
    /** Stratum's single transition inside the caller's transaction (PostgreSQL: its statement plus the COMMIT). */
    static final String IN_CALLERS_TRANSACTION = "Stratum in the caller's transaction";
    /** Issue 18: a single transition on PostgreSQL at least 1.3× the three-statement path it replaced. */
    static final double FORMER_PATH_TARGET = 1.3;

    private TransitionBenchmark() {
    }

    /**
     * SQLite: Stratum against the three statements by hand. PostgreSQL, where Stratum's single transition is
     * one statement: against the one-statement floor ({@link PostgresTransitionFloor}, target {@link Targets#POSTGRESQL_FLOOR}) and,
     * in the same alternating rounds, against the former three-statement path by hand (target 1.3×).
     */
    static List<Comparison> measure(Dialect dialect, int threads, int transitionsPerThread, int rounds) throws Exception {
        try (BenchDatabase database = BenchDatabase.create(dialect, threads + 1)) {
            Seeds seeds = new Seeds(database);
            seeds.scheduledRuns(threads * RUNS_PER_THREAD, Instant.now().plus(1, ChronoUnit.HOURS));
            List<UUID> runs = RunIds.all(database);
            Runs state = new Runs(runs.size());
            Workload stratum = () -> Parallel.run(threads, thread -> viaStratum(database, runs, state, thread,
                    transitionsPerThread, false));
            JdbcTransitions jdbc = new JdbcTransitions(database);
            Workload threeStatements = byHand(runs, state, threads, transitionsPerThread, jdbc::transition);
            if (Dialects.SQLITE.equals(dialect)) {
                String label = threads + (threads == 1 ? " writer" : " writers");
                return List.of(Comparison.measure(SECTION, dialect.id(), label, UNIT, Targets.hotPathFloor(dialect), rounds, stratum,
                        threeStatements));
            }
            PostgresTransitionFloor floor = new PostgresTransitionFloor(database);
            Workload oneStatement = byHand(runs, state, threads, transitionsPerThread, (run, type) -> {
                if (floor.move(List.of(run), type, scheduledTime(type)).size() != 1) {
                    throw new IllegalStateException("The one-statement floor did not move flow run " + run);
                }
            });
            Workload alone = () -> Parallel.run(threads, thread -> viaStratum(database, runs, state, thread,
                    transitionsPerThread, true));
            String threadsLabel = threads + (threads == 1 ? " thread" : " threads");
            Comparison measured = Comparison.measure(SECTION, dialect.id(), threadsLabel + ", " + ONE_STATEMENT, UNIT,
                    Targets.POSTGRESQL_FLOOR, rounds, new Comparison.Path("Stratum", alone, alone),
                    new Comparison.Path("JDBC one statement", oneStatement, oneStatement),
                    List.of(new Comparison.Path(THREE_STATEMENTS, threeStatements, threeStatements),
                            new Comparison.Path(IN_CALLERS_TRANSACTION, stratum, stratum)));
            Comparison againstFloor = new Comparison(SECTION, measured.dialect(), measured.label(), UNIT, measured.stratum(),
                    measured.jdbc(), Targets.POSTGRESQL_FLOOR, Map.of(), "");
            Comparison againstFormerPath = new Comparison(SECTION, measured.dialect(), threadsLabel + ", " + THREE_STATEMENTS,
                    UNIT, measured.stratum(), measured.extra().get(THREE_STATEMENTS), FORMER_PATH_TARGET, Map.of(), "");
            return List.of(againstFloor, againstFormerPath);
        }
    }

    /** One transition by hand of one run. */
    @FunctionalInterface
    private interface HandWritten {
        void transition(UUID run, StateType type) throws Exception;
    }

    /** Each thread cycling its own runs through {@code transition}, as Stratum's path does. */
    private static Workload byHand(List<UUID> runs, Runs state, int threads, int transitionsPerThread,
                                   HandWritten transition) {
        return () -> Parallel.run(threads, thread -> {
            long done = 0;
            for (int i = 0; i < transitionsPerThread; i++) {
                int run = thread * RUNS_PER_THREAD + i % RUNS_PER_THREAD;
                transition.transition(runs.get(run), state.next(run));
                done++;
            }
            return done;
        });
    }

    /** A SCHEDULED state's time (an hour ahead, as every path proposes); null for the other states. */
    private static Instant scheduledTime(StateType type) {
        return type == StateType.SCHEDULED ? Instant.now().truncatedTo(ChronoUnit.MICROS).plus(1, ChronoUnit.HOURS) : null;
    }

    /**
     * {@code alone}: each transition its own transaction ({@code setFlowRunState(runId, state)}); else in the
     * caller's ({@code inTransactionForUpdate} around {@code setFlowRunState(session, runId, state)}).
     */
    private static long viaStratum(BenchDatabase database, List<UUID> runs, Runs state, int thread, int transitions,
                                   boolean alone) {
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
            if (alone) {
                api.setFlowRunState(runs.get(run), newState);
            } else {
                database.db().inTransactionForUpdate(session -> api.setFlowRunState(session, runs.get(run), newState));
            }
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
