package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.DatabaseSettings;
import io.stratum.api.DatabaseUnavailableException;
import io.stratum.api.Stratum;
import io.stratum.api.model.StateType;
import io.stratum.api.query.StateTransitions;
import io.stratum.orm.model.FlowEntity;
import io.stratum.orm.model.FlowRunEntity;
import io.stratum.orm.model.FlowRunStateEntity;
import jakarta.persistence.LockModeType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * PostgreSQL stopped ({@code pg_ctl stop -m immediate}: every connection cut, no checkpoint, as in a
 * crash) and started again while four threads transition flow runs through one interface. The server
 * is a private cluster this test creates with {@code initdb} ({@link FaultPrivateCluster}); the
 * machine's shared server is left alone.
 *
 * <p>Asserted: every call that failed, failed with a {@link DatabaseUnavailableException} that names
 * the (redacted) URL and says to retry, never with the password; after the restart the same interface
 * instance works again without being reopened; every acknowledged transition (recorded only after
 * {@code inTransactionForUpdate} returned) is stored, and none is half applied: each run points at
 * its newest state, its state fields match that state, and its run count equals the RUNNING entries
 * in its history.
 */
class FaultRestartPostgresTest {
    private static final String PASSWORD = "fault-secret-" + UUID.randomUUID();
    private static final int THREADS = 4;
    private static final int RUNS = 8;
    /** The cycle every run goes through: each RUNNING is entered from PENDING, so it counts as a run. */
    private static final List<StateType> CYCLE = List.of(StateType.SCHEDULED, StateType.PENDING, StateType.RUNNING,
            StateType.COMPLETED);

    private static FaultPrivateCluster cluster;
    private static String url;

    @BeforeAll
    static void startPrivateCluster() throws Exception {
        cluster = new FaultPrivateCluster();
        cluster.start();
        try (Connection admin = connect(cluster.url("postgres")); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE stratum_fault");
        }
        url = cluster.url("stratum_fault");
    }

    @AfterAll
    static void removePrivateCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    record Ack(UUID runId, UUID stateId, StateType type) {
    }

    record Failure(long atNanos, long tookMillis, Throwable error) {
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void transitionsSurviveARestartWithRetryableErrorsAndNothingHalfApplied() throws Exception {
        DatabaseSettings settings = DatabaseSettings.builder().url(url).user(FaultPrivateCluster.USER).password(PASSWORD)
                .connectionTimeout(Duration.ofSeconds(3)).poolTimeout(Duration.ofSeconds(10)).timeout(Duration.ofSeconds(20))
                .poolSize(THREADS).maxOverflow(2).migrateOnStart(true).build();
        DatabaseInterface db = Stratum.open(settings);
        try {
            StateTransitions transitions = db.queries().transitions();
            List<UUID> runs = createRuns(db, transitions);

            Map<UUID, AtomicInteger> attempts = new ConcurrentHashMap<>();
            runs.forEach(run -> attempts.put(run, new AtomicInteger()));
            ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService workers = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                running.add(workers.submit(() -> {
                    while (!stop.get()) {
                        UUID runId = runs.get(ThreadLocalRandom.current().nextInt(runs.size()));
                        attempts.get(runId).incrementAndGet();
                        long begun = System.nanoTime();
                        try {
                            acks.add(db.inTransactionForUpdate(session -> {
                                FlowRunEntity run = session.find(FlowRunEntity.class, runId, LockModeType.PESSIMISTIC_WRITE);
                                StateType next = CYCLE.get((CYCLE.indexOf(run.getStateType()) + 1) % CYCLE.size());
                                FlowRunStateEntity state = new FlowRunStateEntity(next, name(next));
                                transitions.setFlowRunState(session, runId, state);
                                return new Ack(runId, state.getId(), next);
                            }));
                        } catch (Throwable e) {
                            long now = System.nanoTime();
                            failures.add(new Failure(now, (now - begun) / 1_000_000, e));
                            sleep(50);
                        }
                    }
                    return null;
                }));
            }
            try {
                long t0 = System.nanoTime();
                awaitAcks(acks, 40, Duration.ofSeconds(60), "before the stop");
                int acksBefore = acks.size();

                long stopping = System.nanoTime();
                cluster.stopImmediately();
                long stopped = System.nanoTime();
                // Down long enough for every worker to run into the outage several times.
                awaitFailures(failures, stopped, THREADS * 3, Duration.ofSeconds(30));
                sleep(1000);
                // From a second after the stop until the start no commit can be acknowledged.
                int acksWhileDown = acks.size();
                sleep(1000);
                int acksAtRestart = acks.size();
                long starting = System.nanoTime();
                cluster.start();
                long restarted = System.nanoTime();

                awaitAcks(acks, acksAtRestart + 60, Duration.ofSeconds(90), "after the restart");
                stop.set(true);
                for (Future<?> worker : running) {
                    worker.get(60, TimeUnit.SECONDS);
                }
                System.out.println("[timing] PostgreSQL restart: " + acksBefore + " acks before the stop, stop took "
                        + ms(stopped - stopping) + " ms, " + (acksAtRestart - acksWhileDown) + " acks while down (must be 0), "
                        + "start took " + ms(restarted - starting) + " ms, " + failures.size() + " failed calls, "
                        + acks.size() + " acks in all, " + ms(System.nanoTime() - t0) + " ms in all");
                List<Failure> failed = new ArrayList<>(failures);
                for (Failure failure : failed.size() <= 12 ? failed
                        : concat(failed.subList(0, 6), failed.subList(failed.size() - 6, failed.size()))) {
                    String message = String.valueOf(failure.error().getMessage());
                    System.out.println("[fault] +" + ms(failure.atNanos() - stopping) + " ms, took " + failure.tookMillis()
                            + " ms: " + failure.error().getClass().getSimpleName() + ": "
                            + message.substring(0, Math.min(message.length(), 240)));
                }
                assertThat(acksAtRestart).as("commits acknowledged while the server was down").isEqualTo(acksWhileDown);

                assertThat(failures).as("calls failed during the outage").isNotEmpty();
                for (Failure failure : failures) {
                    assertThat(failure.error())
                            .as("failure %s ms after the stop", ms(failure.atNanos() - stopping))
                            .isInstanceOf(DatabaseUnavailableException.class)
                            .hasMessageContaining(settings.redactedUrl())
                            .satisfies(e -> assertThat(e.getMessage().toLowerCase(Locale.ROOT)).contains("retry"))
                            .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD));
                    assertThat(failure.atNanos()).as("failures happen only once the stop began").isGreaterThan(stopping);
                    assertThat(failure.tookMillis()).as("a failing call returns within the timeouts")
                            .isLessThan(settings.connectionTimeout().plus(settings.poolTimeout()).toMillis() + 15_000);
                }
                long afterRestart = failures.stream().filter(f -> f.atNanos() > restarted).count();
                assertThat(afterRestart).as("calls failing after the restart (dead pooled connections are replaced)")
                        .isLessThanOrEqualTo(settings.poolSize() + settings.maxOverflow());
            } finally {
                stop.set(true);
                workers.shutdown();
                if (!workers.awaitTermination(60, TimeUnit.SECONDS)) {
                    workers.shutdownNow();
                }
            }

            // The same instance, never reopened, works.
            assertThat(db.isDbConnectable()).isTrue();
            long stored = db.sessionContext(false, false,
                    session -> session.createQuery("SELECT count(s) FROM FlowRunState s", Long.class).getSingleResult());
            assertThat(stored).isGreaterThanOrEqualTo(acks.size() + RUNS);

            assertEveryAcknowledgedTransitionIsStoredWhole(new ArrayList<>(acks), attempts);
        } catch (Throwable e) {
            throw new AssertionError(e.getMessage() + "\n--- private server log ---\n" + cluster.serverLog(), e);
        } finally {
            db.close();
        }
    }

    private static List<UUID> createRuns(DatabaseInterface db, StateTransitions transitions) {
        FlowEntity flow = new FlowEntity("restart");
        List<UUID> runs = new ArrayList<>();
        db.inTransaction(session -> {
            session.persist(flow);
            for (int i = 0; i < RUNS; i++) {
                FlowRunEntity run = new FlowRunEntity(flow.getId());
                session.persist(run);
                transitions.setFlowRunState(session, run.getId(), new FlowRunStateEntity(StateType.SCHEDULED, "Scheduled"));
                runs.add(run.getId());
            }
            return null;
        });
        return runs;
    }

    private void assertEveryAcknowledgedTransitionIsStoredWhole(List<Ack> acks, Map<UUID, AtomicInteger> attempts)
            throws Exception {
        Map<UUID, Integer> acknowledgedPerRun = new HashMap<>();
        acks.forEach(ack -> acknowledgedPerRun.merge(ack.runId(), 1, Integer::sum));
        try (Connection connection = connect(url)) {
            Map<UUID, UUID> stateOwners = new HashMap<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT id, flow_run_id FROM flow_run_state")) {
                while (rows.next()) {
                    stateOwners.put(rows.getObject(1, UUID.class), rows.getObject(2, UUID.class));
                }
            }
            for (Ack ack : acks) {
                assertThat(stateOwners.get(ack.stateId())).as("acknowledged state %s of run %s", ack.stateId(), ack.runId())
                        .isEqualTo(ack.runId());
            }
            Set<UUID> runIds = attempts.keySet();
            try (PreparedStatement run = connection.prepareStatement("SELECT r.state_id, r.state_type::text, r.state_name, "
                    + "r.run_count, s.type::text, s.name, (SELECT x.id FROM flow_run_state x WHERE x.flow_run_id = r.id "
                    + "ORDER BY x.timestamp DESC LIMIT 1), (SELECT count(*) FROM flow_run_state x WHERE x.flow_run_id = r.id), "
                    + "(SELECT count(*) FROM flow_run_state x WHERE x.flow_run_id = r.id AND x.type = 'RUNNING') "
                    + "FROM flow_run r JOIN flow_run_state s ON s.id = r.state_id WHERE r.id = ?")) {
                for (UUID id : runIds) {
                    run.setObject(1, id);
                    try (ResultSet row = run.executeQuery()) {
                        assertThat(row.next()).as("run %s and its current state", id).isTrue();
                        String because = "run " + id;
                        assertThat(row.getObject(1, UUID.class)).as(because + " points at its newest state")
                                .isEqualTo(row.getObject(7, UUID.class));
                        assertThat(row.getString(2)).as(because + " state_type").isEqualTo(row.getString(5));
                        assertThat(row.getString(3)).as(because + " state_name").isEqualTo(row.getString(6));
                        assertThat(row.getInt(4)).as(because + " run_count = RUNNING entries").isEqualTo(row.getInt(9));
                        int acknowledged = acknowledgedPerRun.getOrDefault(id, 0);
                        // One initial state; then at least every acknowledged transition and at most every attempt
                        // (a commit cut by the stop may or may not have been applied).
                        assertThat(row.getInt(8) - 1).as(because + " transitions stored")
                                .isBetween(acknowledged, attempts.get(id).get());
                    }
                }
            }
        }
    }

    private static void awaitAcks(ConcurrentLinkedQueue<Ack> acks, int count, Duration within, String when)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (acks.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(acks.size()).as("acknowledged transitions " + when + " within " + within.toSeconds() + " s")
                .isGreaterThanOrEqualTo(count);
    }

    private static void awaitFailures(ConcurrentLinkedQueue<Failure> failures, long since, int count, Duration within)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (failures.stream().filter(f -> f.atNanos() > since).count() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }

    private static String name(StateType type) {
        String lower = type.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Connection connect(String url) throws java.sql.SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", FaultPrivateCluster.USER);
        properties.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(url, properties);
    }
}
