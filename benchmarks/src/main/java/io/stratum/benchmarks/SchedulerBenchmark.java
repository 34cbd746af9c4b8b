package io.stratum.benchmarks;

import io.stratum.api.Dialect;
import io.stratum.api.query.ScheduledRunInserts;
import io.stratum.orm.model.FlowRunEntity;
import io.stratum.orm.types.Json;
import io.stratum.orm.types.StateDetails;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Benchmark 7: the scheduler's insert of scheduled flow runs, in calls of {@link #CALL_SIZE} runs, one
 * transaction per call: Stratum's {@code insertScheduledFlowRuns} against the least work hand-written JDBC
 * needs for the same rows. On PostgreSQL that floor is one statement per call, as Stratum's is: the
 * per-run values as arrays through {@code unnest}, the values every run shares (flow, parameters, tags,
 * time) as single parameters, the runs' other columns left to the table's defaults, and the states of
 * the runs inserted in the same data-modifying CTE. On SQLite it is a JDBC batch of one prepared
 * single-row {@code INSERT … ON CONFLICT DO NOTHING} of runs (its update counts say which were inserted)
 * and a batch of their states. Every call's keys are new, as the scheduler's are; issue 15 asks for
 * ≥ 20,000 runs/s on PostgreSQL.
 */
final class SchedulerBenchmark {
    static final int CALL_SIZE = 1_000;
    static final double TARGET_RUNS_PER_SECOND = 20_000;
    private static final String INSERT_RUN = "INSERT INTO flow_run (id, created, updated, name, flow_id, "
            + "idempotency_key, parameters, tags, auto_scheduled, state_id, state_type, state_name, state_timestamp, "
            + "expected_start_time, next_scheduled_start_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (flow_id, idempotency_key) DO NOTHING";
    private static final String INSERT_STATE = "INSERT INTO flow_run_state (id, created, updated, flow_run_id, type, "
            + "\"timestamp\", name, message, state_details) VALUES (?, ?, ?, ?, 'SCHEDULED', ?, 'Scheduled', "
            + "'Flow run scheduled', ?)";

    private static final String INSERT_RUNS_AND_STATES = "WITH new_runs AS ("
            + "INSERT INTO flow_run (id, name, flow_id, idempotency_key, parameters, tags, auto_scheduled, state_id, "
            + "state_type, state_name, state_timestamp, expected_start_time, next_scheduled_start_time) "
            + "SELECT u.id, u.name, ?, u.key, ?::jsonb, ?::jsonb, true, u.state_id, 'SCHEDULED', 'Scheduled', ?, u.at, u.at "
            + "FROM unnest(?::uuid[], ?::text[], ?::text[], ?::uuid[], ?::text[]::timestamptz[]) AS u(id, name, key, state_id, at) "
            + "ON CONFLICT (flow_id, idempotency_key) DO NOTHING RETURNING id, state_id) "
            + "INSERT INTO flow_run_state (id, flow_run_id, type, \"timestamp\", name, message, state_details) "
            + "SELECT r.state_id, r.id, 'SCHEDULED', ?, 'Scheduled', 'Flow run scheduled', d.details::jsonb "
            + "FROM new_runs r JOIN unnest(?::uuid[], ?::text[]) AS d(state_id, details) ON d.state_id = r.state_id "
            + "RETURNING flow_run_id";

    private static final String GENERATED = "WITH new_runs AS ("
            + "INSERT INTO flow_run (id, name, flow_id, idempotency_key, parameters, tags, auto_scheduled, state_id, "
            + "state_type, state_name, state_timestamp, expected_start_time, next_scheduled_start_time) "
            + "SELECT gen_random_uuid(), 'scheduled-' || g, ?, ? || g, '{\"x\": 1}', '[\"auto-scheduled\"]', true, "
            + "gen_random_uuid(), 'SCHEDULED', 'Scheduled', now(), t.at + g * interval '1 minute', t.at + g * interval '1 minute' "
            + "FROM (SELECT ?::timestamptz AS at) t, generate_series(1, ?) g "
            + "ON CONFLICT (flow_id, idempotency_key) DO NOTHING RETURNING id, state_id, next_scheduled_start_time) "
            + "INSERT INTO flow_run_state (id, flow_run_id, type, \"timestamp\", name, message, state_details) "
            + "SELECT r.state_id, r.id, 'SCHEDULED', now(), 'Scheduled', 'Flow run scheduled', "
            + "jsonb_build_object('scheduled_time', r.next_scheduled_start_time) FROM new_runs r";

    /** The floor as it was before it wrote Stratum's whole state_details, measured beside for comparison. */
    static final String ONE_KEY_FLOOR = "JDBC with one-key state_details";

    private SchedulerBenchmark() {
    }

    /** Concurrent callers measured: a server inserts the scheduled runs of many deployments at once. */
    static final int[] CALLERS = {1, 2, 4};

    static List<Comparison> measure(Dialect dialect, int runs, int rounds) throws Exception {
        try (BenchDatabase database = BenchDatabase.create(dialect, CALLERS[CALLERS.length - 1] + 1)) {
            UUID flowId = UUID.randomUUID();
            database.execute("INSERT INTO flow (id, name) VALUES ('" + flowId + "', 'scheduled-flow')");
            ScheduledRunInserts scheduler = database.db().queries().scheduler();
            ReentrantLock writer = JdbcTransaction.writerQueue(database);
            Inserter stratum = slice -> database.db().inTransaction(session ->
                    scheduler.insertScheduledFlowRuns(session, entities(flowId, slice)).size());
            boolean postgres = dialect.equals(Dialects.POSTGRESQL);
            Inserter jdbc = postgres ? slice -> jdbcArrays(database, flowId, slice, Details.WHOLE)
                    : slice -> jdbcBatch(database, writer, flowId, slice);
            Inserter oneKey = slice -> jdbcArrays(database, flowId, slice, Details.ONE_KEY);
            int warmUp = Math.min(runs, 20_000);
            List<Comparison> comparisons = new ArrayList<>();
            for (int callers : CALLERS) {
                List<Comparison.Path> beside = postgres ? List.of(new Comparison.Path(ONE_KEY_FLOOR,
                        insert(database, runs, callers, oneKey), insert(database, warmUp, callers, oneKey))) : List.of();
                Comparison comparison = Comparison.measure("Scheduler inserts", dialect.id(),
                        String.format("%,d runs, %,d per call, %d caller%s", runs, CALL_SIZE, callers,
                                callers == 1 ? "" : "s"), "runs/s", 0.9, rounds,
                        new Comparison.Path("Stratum", insert(database, runs, callers, stratum),
                                insert(database, warmUp, callers, stratum)),
                        new Comparison.Path("JDBC", insert(database, runs, callers, jdbc),
                                insert(database, warmUp, callers, jdbc)), beside);
                if (postgres) {
                    Console.progress(String.format("Scheduler inserts · %s · %d caller(s): %,.0f runs/s, target ≥ %,.0f: %s",
                            dialect.id(), callers, comparison.stratum(), TARGET_RUNS_PER_SECOND,
                            comparison.stratum() >= TARGET_RUNS_PER_SECOND ? "met" : "missed"));
                }
                comparisons.add(comparison);
            }
            if (!postgres) {
                return comparisons;
            }
            String note = String.format(Locale.ROOT, "round trips per call of %,d runs: Stratum %.1f, JDBC %.1f", CALL_SIZE,
                    CALL_SIZE * RoundTrips.perUnit(insert(database, 5 * CALL_SIZE, 1, stratum)),
                    CALL_SIZE * RoundTrips.perUnit(insert(database, 5 * CALL_SIZE, 1, jdbc)));
            Console.progress("Scheduler inserts · " + dialect.id() + " · " + note);
            comparisons.set(0, comparisons.get(0).withNote(note));
            return withCeilings(database, flowId, runs, rounds, comparisons);
        }
    }

    /**
     * Beside each case, the same rows generated inside PostgreSQL ({@code generate_series}, no client values
     * at all; not a ceiling for clients, generating the rows costs the server more than reading ready values) with the same callers, first with the schema's
     * indexes, then with flow_run's and flow_run_state's secondary indexes dropped (primary keys and the
     * idempotency key's unique index kept), which shows what their upkeep costs.
     */
    private static List<Comparison> withCeilings(BenchDatabase database, UUID flowId, int runs, int rounds,
                                                 List<Comparison> comparisons) throws Exception {
        Inserter generated = slice -> generated(database, flowId, slice);
        Comparison.rate(insert(database, Math.min(runs, 20_000), 1, generated));
        double[] indexed = new double[CALLERS.length];
        for (int i = 0; i < CALLERS.length; i++) {
            indexed[i] = medianRate(insert(database, runs, CALLERS[i], generated), rounds);
        }
        List<String> dropped = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT i.indexrelid::regclass::text FROM pg_index i "
                     + "WHERE i.indrelid IN ('flow_run'::regclass, 'flow_run_state'::regclass) AND NOT i.indisprimary "
                     + "AND NOT (i.indisunique AND i.indrelid = 'flow_run'::regclass AND i.indnatts = 2)")) {
            while (rows.next()) {
                dropped.add(rows.getString(1));
            }
        }
        for (String index : dropped) {
            database.execute("DROP INDEX " + index);
        }
        List<Comparison> result = new ArrayList<>();
        for (int i = 0; i < CALLERS.length; i++) {
            double bare = medianRate(insert(database, runs, CALLERS[i], generated), rounds);
            Comparison c = comparisons.get(i);
            Map<String, Double> extra = new LinkedHashMap<>(c.extra());
            extra.put("server-side generate_series", indexed[i]);
            extra.put("same without " + dropped.size() + " secondary indexes", bare);
            Console.progress(String.format("Scheduler inserts · %d caller(s): rows generated in the server %,.0f runs/s, %,.0f without "
                    + "%d secondary indexes", CALLERS[i], indexed[i], bare, dropped.size()));
            result.add(new Comparison(c.section(), c.dialect(), c.label(), c.unit(), c.stratum(), c.jdbc(), c.target(),
                    extra, c.note()));
        }
        return result;
    }

    private static double medianRate(Workload workload, int rounds) throws Exception {
        List<Double> rates = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            rates.add(Comparison.rate(workload));
        }
        return Comparison.median(rates);
    }

    /** The floor's rows, generated by the server: what PostgreSQL alone costs per call. */
    private static int generated(BenchDatabase database, UUID flowId, List<Planned> slice) throws Exception {
        return JdbcTransaction.run(database, null, true, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(GENERATED)) {
                database.values().uuid(insert, 1, flowId);
                insert.setString(2, slice.get(0).idempotencyKey() + " ");
                database.values().timestamp(insert, 3, slice.get(0).scheduledTime());
                insert.setInt(4, slice.size());
                return insert.executeUpdate();
            }
        });
    }

    /** One scheduled run as the scheduler generates it. */
    private record Planned(UUID id, String name, String idempotencyKey, Instant scheduledTime) {
    }

    @FunctionalInterface
    private interface Inserter {
        int insert(List<Planned> slice) throws Exception;
    }

    private static List<Planned> plan(int runs) {
        Instant start = Instant.now().truncatedTo(ChronoUnit.MICROS).plusSeconds(3600);
        String batch = UUID.randomUUID().toString();
        List<Planned> planned = new ArrayList<>(runs);
        for (int i = 0; i < runs; i++) {
            Instant at = start.plusSeconds(60L * i);
            planned.add(new Planned(UUID.randomUUID(), "scheduled-" + i, "scheduled " + batch + " " + at, at));
        }
        return planned;
    }

    private static List<FlowRunEntity> entities(UUID flowId, List<Planned> slice) {
        List<FlowRunEntity> entities = new ArrayList<>(slice.size());
        for (Planned run : slice) {
            FlowRunEntity entity = new FlowRunEntity(flowId);
            entity.setId(run.id());
            entity.setName(run.name());
            entity.setIdempotencyKey(run.idempotencyKey());
            entity.setNextScheduledStartTime(run.scheduledTime());
            entity.setAutoScheduled(true);
            entity.setTags(new ArrayList<>(List.of("auto-scheduled")));
            entity.setParameters(new HashMap<>(Map.of("x", 1)));
            entities.add(entity);
        }
        return entities;
    }

    /** All runs inserted in calls of {@link #CALL_SIZE}, {@code callers} threads each taking its own share. */
    private static Workload insert(BenchDatabase database, int runs, int callers, Inserter inserter) {
        return new Workload() {
            private List<Planned> planned;

            @Override
            public void prepare() {
                database.execute(database.dialect().equals(Dialects.POSTGRESQL)
                        ? new String[] {"TRUNCATE flow_run_state, flow_run CASCADE"}
                        : new String[] {"UPDATE flow_run SET state_id = NULL", "DELETE FROM flow_run_state",
                                "DELETE FROM flow_run"});
                planned = plan(runs);
            }

            @Override
            public long run() throws Exception {
                int share = (planned.size() + callers - 1) / callers;
                long inserted = Parallel.run(callers, caller -> {
                    List<Planned> mine = planned.subList(Math.min(planned.size(), caller * share),
                            Math.min(planned.size(), (caller + 1) * share));
                    long count = 0;
                    for (int from = 0; from < mine.size(); from += CALL_SIZE) {
                        count += inserter.insert(mine.subList(from, Math.min(mine.size(), from + CALL_SIZE)));
                    }
                    return count;
                });
                if (inserted != planned.size()) {
                    throw new IllegalStateException(inserted + " runs inserted of " + planned.size());
                }
                return inserted;
            }

            @Override
            public void verify() throws Exception {
                try (Connection connection = database.dataSource().getConnection();
                     Statement statement = connection.createStatement();
                     ResultSet row = statement.executeQuery("SELECT count(*) FROM flow_run r JOIN flow_run_state s "
                             + "ON s.id = r.state_id AND s.flow_run_id = r.id")) {
                    row.next();
                    if (row.getLong(1) != planned.size()) {
                        throw new IllegalStateException(row.getLong(1) + " runs point at their state of " + planned.size());
                    }
                }
            }
        };
    }

    /**
     * A Scheduled state's {@code state_details} as the hand-written paths write it: Stratum's document
     * (the reference's whole {@code StateDetails}, every field named, only the time set), built from its
     * constant text around the time, or the one-key object the floor wrote before it wrote Stratum's rows.
     */
    enum Details {
        WHOLE(Json.write(StateDetails.empty().withScheduledTime(Instant.EPOCH), "state_details")),
        ONE_KEY("{\"scheduled_time\": \"" + Instant.EPOCH + "\"}");

        private final String before;
        private final String after;

        Details(String sample) {
            String time = "\"" + Instant.EPOCH + "\"";
            int at = sample.indexOf(time);
            before = sample.substring(0, at + 1);
            after = sample.substring(at + time.length() - 1);
        }

        String of(Instant scheduledTime) {
            return before + scheduledTime + after;
        }
    }

    /** PostgreSQL: one statement per call, its per-run values as arrays. */
    private static int jdbcArrays(BenchDatabase database, UUID flowId, List<Planned> slice, Details form)
            throws Exception {
        JdbcValues values = database.values();
        return JdbcTransaction.run(database, null, true, connection -> {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            int size = slice.size();
            UUID[] ids = new UUID[size];
            String[] names = new String[size];
            String[] keys = new String[size];
            UUID[] stateIds = new UUID[size];
            String[] times = new String[size];
            String[] details = new String[size];
            for (int i = 0; i < size; i++) {
                Planned run = slice.get(i);
                ids[i] = run.id();
                names[i] = run.name();
                keys[i] = run.idempotencyKey();
                stateIds[i] = UUID.randomUUID();
                times[i] = run.scheduledTime().toString();
                details[i] = form.of(run.scheduledTime());
            }
            try (PreparedStatement insert = connection.prepareStatement(INSERT_RUNS_AND_STATES)) {
                values.uuid(insert, 1, flowId);
                insert.setString(2, "{\"x\": 1}");
                insert.setString(3, "[\"auto-scheduled\"]");
                values.timestamp(insert, 4, now);
                insert.setArray(5, connection.createArrayOf("uuid", ids));
                insert.setArray(6, connection.createArrayOf("text", names));
                insert.setArray(7, connection.createArrayOf("text", keys));
                insert.setArray(8, connection.createArrayOf("uuid", stateIds));
                insert.setArray(9, connection.createArrayOf("text", times));
                values.timestamp(insert, 10, now);
                insert.setArray(11, connection.createArrayOf("uuid", stateIds));
                insert.setArray(12, connection.createArrayOf("text", details));
                int inserted = 0;
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        inserted++;
                    }
                }
                return inserted;
            }
        });
    }

    /** SQLite: a batch of one prepared single-row INSERT of runs, then one of their states. */
    private static int jdbcBatch(BenchDatabase database, ReentrantLock writer, UUID flowId, List<Planned> slice)
            throws Exception {
        JdbcValues values = database.values();
        return JdbcTransaction.run(database, writer, true, connection -> {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            List<UUID> stateIds = new ArrayList<>(slice.size());
            int[] counts;
            try (PreparedStatement insert = connection.prepareStatement(INSERT_RUN)) {
                for (Planned run : slice) {
                    UUID stateId = UUID.randomUUID();
                    stateIds.add(stateId);
                    values.uuid(insert, 1, run.id());
                    values.timestamp(insert, 2, now);
                    values.timestamp(insert, 3, now);
                    insert.setString(4, run.name());
                    values.uuid(insert, 5, flowId);
                    insert.setString(6, run.idempotencyKey());
                    insert.setString(7, "{\"x\": 1}");
                    insert.setString(8, "[\"auto-scheduled\"]");
                    insert.setBoolean(9, true);
                    values.uuid(insert, 10, stateId);
                    insert.setString(11, "SCHEDULED");
                    insert.setString(12, "Scheduled");
                    values.timestamp(insert, 13, now);
                    values.timestamp(insert, 14, run.scheduledTime());
                    values.timestamp(insert, 15, run.scheduledTime());
                    insert.addBatch();
                }
                counts = insert.executeBatch();
            }
            int inserted = 0;
            try (PreparedStatement insert = connection.prepareStatement(INSERT_STATE)) {
                for (int i = 0; i < slice.size(); i++) {
                    if (counts[i] == 0) {
                        continue;
                    }
                    inserted++;
                    Planned run = slice.get(i);
                    values.uuid(insert, 1, stateIds.get(i));
                    values.timestamp(insert, 2, now);
                    values.timestamp(insert, 3, now);
                    values.uuid(insert, 4, run.id());
                    values.timestamp(insert, 5, now);
                    insert.setString(6, Details.WHOLE.of(run.scheduledTime()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return inserted;
        });
    }
}
