package io.stratum.benchmarks;

import io.stratum.api.model.StateType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The run lifecycle written by hand on Stratum's schema, writing Stratum's rows: a Pending state
 * ({@code state_details} {@code {}}, as Stratum's claim writes it), then Running and Completed states
 * with the reference's whole {@code state_details} document naming the run, and the run's denormalised
 * fields (state id/type/name/timestamp, start and end time, run count, total run time, expected start
 * time, no next scheduled time). A new state's timestamp is now, or 1 µs after the current state's when
 * that is not before now (the runs' states are stamped in order, so no other state of the run can hold it).
 *
 * <p>PostgreSQL: each step is ONE statement in autocommit (its own transaction), a data-modifying CTE (lock the runs — {@code FOR UPDATE SKIP
 * LOCKED LIMIT} for the claim, {@code FOR UPDATE} by id for the others — insert their states, point the
 * runs at them; the start and finish are {@link PostgresTransitionFloor}'s). SQLite has no data-modifying CTEs: each step is one {@code BEGIN IMMEDIATE} transaction
 * of three statements over the whole batch (read the runs, one multi-row INSERT of the states, one
 * {@code UPDATE … FROM (VALUES …)}).
 *
 * <p>{@code perBatch} false is the single-transitions floor: the same claim, then each run's start and
 * finish alone, one transaction each (on PostgreSQL one statement in autocommit: one round trip).
 */
final class JdbcLifecycle implements LifecycleBenchmark.Contestant {
    /** The run-to-state pairs a step wrote, as the claim's RETURNING gives the ids. */
    private static final String PG_CLAIM = JdbcClaimFloor.postgresClaim("flow_run.id");
    private static final String SQLITE_DUE = "SELECT id, state_type, state_timestamp, start_time, end_time, run_count, "
            + "total_run_time, expected_start_time FROM flow_run WHERE work_queue_id = ? AND state_type = 'SCHEDULED' "
            + "ORDER BY next_scheduled_start_time LIMIT ?";
    private static final String SQLITE_RUNS = "SELECT id, state_type, state_timestamp, start_time, end_time, run_count, "
            + "total_run_time, expected_start_time FROM flow_run WHERE id IN (%s)";
    private static final String SQLITE_STATES = "INSERT INTO flow_run_state (id, created, updated, flow_run_id, type, "
            + "\"timestamp\", name, state_details) VALUES %s";
    private static final String SQLITE_POINT = "WITH moved (run_id, state_id, at, start_time, end_time, run_count, "
            + "total_run_time, expected_start_time) AS (VALUES %s) UPDATE flow_run SET state_id = moved.state_id, "
            + "state_type = ?, state_name = ?, state_timestamp = moved.at, start_time = moved.start_time, "
            + "end_time = moved.end_time, run_count = moved.run_count, total_run_time = moved.total_run_time, "
            + "expected_start_time = moved.expected_start_time, next_scheduled_start_time = NULL, updated = ? "
            + "FROM moved WHERE flow_run.id = moved.run_id";

    private final BenchDatabase database;
    private final Seeds seeds;
    private final boolean perBatch;
    private final boolean postgres;
    private final JdbcValues values;
    private final ReentrantLock writer;
    private final PostgresTransitionFloor postgresFloor;

    JdbcLifecycle(BenchDatabase database, Seeds seeds, boolean perBatch) {
        this.database = database;
        this.seeds = seeds;
        this.perBatch = perBatch;
        this.postgres = Dialects.POSTGRESQL.equals(database.dialect());
        this.values = database.values();
        this.writer = JdbcTransaction.writerQueue(database);
        this.postgresFloor = postgres ? new PostgresTransitionFloor(database) : null;
    }

    @Override
    public String name() {
        return perBatch ? LifecycleBenchmark.THREE_STEP_FLOOR : LifecycleBenchmark.PER_TRANSITION_FLOOR;
    }

    @Override
    public String floor() {
        return null;
    }

    @Override
    public List<UUID> claim() throws Exception {
        Instant now = now();
        if (postgres) {
            // One statement in autocommit: the statement is the transaction, one round trip.
            try (Connection connection = database.dataSource().getConnection();
                 PreparedStatement claim = connection.prepareStatement(PG_CLAIM)) {
                values.timestamp(claim, 1, now);
                values.uuid(claim, 2, seeds.workQueueId);
                claim.setInt(3, LifecycleBenchmark.BATCH);
                return ids(claim);
            }
        }
        return JdbcTransaction.run(database, writer, true, connection -> {
            List<Run> due = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(SQLITE_DUE)) {
                values.uuid(select, 1, seeds.workQueueId);
                select.setInt(2, LifecycleBenchmark.BATCH);
                readRuns(select, due);
            }
            sqliteMove(connection, due, StateType.PENDING, now);
            return due.stream().map(Run::id).toList();
        });
    }

    @Override
    public void start(List<UUID> runs) throws Exception {
        move(runs, StateType.RUNNING);
    }

    @Override
    public void finish(List<UUID> runs) throws Exception {
        move(runs, StateType.COMPLETED);
    }

    private void move(List<UUID> runs, StateType type) throws Exception {
        if (perBatch) {
            moveTogether(runs, type);
        } else {
            for (UUID run : runs) {
                moveTogether(List.of(run), type);
            }
        }
    }

    /** One transaction moving {@code runs} to {@code type}: one statement on PostgreSQL, three on SQLite. */
    private void moveTogether(List<UUID> runs, StateType type) throws Exception {
        if (postgres) {
            List<UUID> moved = postgresFloor.move(runs, type, null);
            if (moved.size() != runs.size()) {
                throw new IllegalStateException(name() + " moved " + moved.size() + " of " + runs.size() + " runs to " + type);
            }
            return;
        }
        Instant now = now();
        JdbcTransaction.run(database, writer, true, connection -> {
            List<Run> current = new ArrayList<>();
            String in = String.join(", ", Collections.nCopies(runs.size(), "?"));
            try (PreparedStatement select = connection.prepareStatement(String.format(SQLITE_RUNS, in))) {
                for (int i = 0; i < runs.size(); i++) {
                    values.uuid(select, i + 1, runs.get(i));
                }
                readRuns(select, current);
            }
            if (current.size() != runs.size()) {
                throw new IllegalStateException(name() + " found " + current.size() + " of " + runs.size() + " runs");
            }
            sqliteMove(connection, current, type, now);
            return null;
        });
    }

    private List<UUID> ids(PreparedStatement statement) throws Exception {
        List<UUID> ids = new ArrayList<>();
        try (ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                ids.add(values.readUuid(row, 1));
            }
        }
        return ids;
    }

    /** A run's fields a transition reads. */
    private record Run(UUID id, StateType type, Instant stateTimestamp, Instant start, Instant end, int runCount,
                       Duration totalRunTime, Instant expectedStart) {
    }

    private void readRuns(PreparedStatement select, List<Run> into) throws Exception {
        try (ResultSet row = select.executeQuery()) {
            while (row.next()) {
                String type = row.getString(2);
                into.add(new Run(values.readUuid(row, 1), type == null ? null : StateType.valueOf(type),
                        values.readTimestamp(row, 3), values.readTimestamp(row, 4), values.readTimestamp(row, 5),
                        row.getInt(6), values.readInterval(row, 7), values.readTimestamp(row, 8)));
            }
        }
    }

    /** SQLite: one multi-row INSERT of the states, one UPDATE pointing the runs at them. */
    private void sqliteMove(Connection connection, List<Run> runs, StateType type, Instant now) throws Exception {
        if (runs.isEmpty()) {
            return;
        }
        String name = TransitionBenchmark.name(type);
        List<Object> stateRows = new ArrayList<>();
        List<Object> moved = new ArrayList<>();
        for (Run run : runs) {
            UUID stateId = UUID.randomUUID();
            Instant at = now.equals(run.stateTimestamp()) ? now.plus(1, ChronoUnit.MICROS) : now;
            Instant start = run.start();
            Instant end = run.end();
            int runCount = run.runCount();
            Duration total = run.totalRunTime();
            if (run.type() == StateType.RUNNING && run.stateTimestamp() != null) {
                total = total.plus(Duration.between(run.stateTimestamp(), at));
            }
            if (type == StateType.RUNNING) {
                runCount++;
                start = start == null ? at : start;
                end = null;
            } else if (type == StateType.COMPLETED) {
                start = start == null ? at : start;
                end = end == null ? at : end;
            }
            String details = type == StateType.PENDING ? "{}" : LifecycleRows.details(run.id());
            stateRows.addAll(List.of(stateId, now, now, run.id(), type.name(), at, name, details));
            moved.add(run.id());
            moved.add(stateId);
            moved.add(at);
            moved.add(start);
            moved.add(end);
            moved.add(runCount);
            moved.add(total);
            moved.add(run.expectedStart() == null ? at : run.expectedStart());
        }
        String stateValues = String.join(", ", Collections.nCopies(runs.size(), "(?, ?, ?, ?, ?, ?, ?, ?)"));
        try (PreparedStatement insert = connection.prepareStatement(String.format(SQLITE_STATES, stateValues))) {
            bindAll(insert, stateRows, 1);
            if (insert.executeUpdate() != runs.size()) {
                throw new IllegalStateException(name() + ": not every state was inserted");
            }
        }
        String movedValues = String.join(", ", Collections.nCopies(runs.size(), "(?, ?, ?, ?, ?, ?, ?, ?)"));
        try (PreparedStatement update = connection.prepareStatement(String.format(SQLITE_POINT, movedValues))) {
            int next = bindAll(update, moved, 1);
            update.setString(next, type.name());
            update.setString(next + 1, name);
            values.timestamp(update, next + 2, now);
            if (update.executeUpdate() != runs.size()) {
                throw new IllegalStateException(name() + ": not every run was moved to " + type);
            }
        }
    }

    private int bindAll(PreparedStatement statement, List<Object> parameters, int first) throws Exception {
        int index = first;
        for (Object value : parameters) {
            if (value == null) {
                statement.setObject(index++, null);
            } else {
                values.bind(statement, index++, value);
            }
        }
        return index;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
