package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stratum.api.DatabaseInterface;
import io.stratum.api.DatabaseSettings;
import io.stratum.api.Health;
import io.stratum.api.Operation;
import io.stratum.api.OperationListener;
import io.stratum.api.PoolExhaustedException;
import io.stratum.api.SchemaStatus;
import io.stratum.api.Stratum;
import io.stratum.api.model.StateType;
import io.stratum.api.query.EventRecord;
import io.stratum.api.query.LogRecord;
import io.stratum.api.query.QueryComponents;
import io.stratum.api.query.ScheduledFlowRun;
import io.stratum.api.query.SlotLease;
import io.stratum.api.query.WorkerPollRequest;
import io.stratum.micrometer.StratumMetrics;
import io.stratum.orm.model.ConcurrencyLimitV2Entity;
import io.stratum.orm.model.FlowEntity;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Metrics and health, run once per dialect: {@link StratumMetrics} bound to a {@link SimpleMeterRegistry}
 * publishes every meter with the values the work done implies (query timers per operation, pool figures
 * that follow sessions held open in threads, timeouts, leaks, the revision and migrations); {@code
 * health()} answers for a live, a behind and an unreachable database without throwing or showing the
 * password.
 */
abstract class MetricsContract {
    protected TestDatabase database;
    private final List<DatabaseInterface> opened = new ArrayList<>();

    abstract TestDatabase newDatabase();

    /** The connection the interface's write transactions share beside the pool: 1 on SQLite in a file, else 0. */
    int writerConnections() {
        return 0;
    }

    /** Settings of a database of this dialect that cannot be reached (nothing listens, or nothing is there). */
    abstract DatabaseSettings.Builder unreachable();

    @BeforeEach
    void createDatabase() {
        database = newDatabase();
    }

    @AfterEach
    void dropDatabase() {
        opened.forEach(DatabaseInterface::close);
        database.close();
    }

    private DatabaseInterface open(DatabaseSettings.Builder settings) {
        DatabaseInterface db = Stratum.open(settings.build());
        opened.add(db);
        return db;
    }

    private static double newestRevision(DatabaseInterface db) {
        return Double.parseDouble(db.migrations().newest().id());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everyMeterIsPublishedWithWhatTheWorkDoneImplies() {
        DatabaseInterface db = open(database.settings().migrateOnStart(true).poolSize(2).maxOverflow(3));
        MeterRegistry registry = new SimpleMeterRegistry();
        StratumMetrics metrics = new StratumMetrics(db);
        metrics.bindTo(registry);
        String dialect = db.dialect().id();

        assertThat(gauge(registry, StratumMetrics.MIGRATIONS_REVISION)).as("revision read when bound")
                .isEqualTo(newestRevision(db));

        // Work through every kind of operation: 3 work pools, a claim, transitions, logs, events, slots.
        QueryComponents queries = db.queries();
        WorkerPollingFixture fixture = new WorkerPollingFixture().create(db);
        List<ScheduledFlowRun> claimed = db.inTransactionForUpdate(session ->
                queries.polling().claim(session, WorkerPollRequest.builder().limit(2).build()));
        assertThat(claimed).hasSize(2);
        UUID runId = claimed.get(0).flowRun().getId();
        Instant now = Instant.now();
        db.inTransactionForUpdate(session -> queries.transitions().setFlowRunState(session, runId,
                TransitionsContract.flowState(StateType.PENDING, now)));
        db.inTransactionForUpdate(session -> queries.transitions().setFlowRunState(session, runId,
                TransitionsContract.flowState(StateType.RUNNING, now.plusSeconds(1))));
        List<io.stratum.api.query.TransitionOutcome> moved = db.inTransactionForUpdate(session -> queries.transitions()
                .setFlowRunStates(session, List.of(io.stratum.api.query.ProposedState.of(claimed.get(1).flowRun().getId(),
                        TransitionsContract.flowState(StateType.PENDING, now)))));
        assertThat(moved).hasSize(1);
        List<LogRecord> logs = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            logs.add(LogRecord.ofFlowRun(runId, "metrics", 20, "log " + i, now));
        }
        assertThat((int) db.inTransaction(session -> queries.bulk().insertLogs(session, logs))).isEqualTo(100);
        EventRecord event = new EventRecord(UUID.randomUUID(), now, "metrics.event",
                Map.of(EventRecord.RESOURCE_ID, "prefect.flow-run." + runId), List.of(), Map.of(), now, null);
        assertThat((int) db.inTransaction(session -> queries.bulk().insertEvents(session, List.of(event)))).isEqualTo(1);
        ConcurrencyLimitV2Entity limit = new ConcurrencyLimitV2Entity();
        limit.setName("metrics");
        limit.setLimit(1);
        db.inTransaction(session -> {
            session.persist(limit);
            return null;
        });
        SlotLease lease = db.inTransaction(session -> queries.concurrencyLimits().acquire(session, List.of("metrics"), 1,
                Duration.ofMinutes(1))).orElseThrow();
        java.util.Optional<SlotLease> denied = db.inTransaction(session -> queries.concurrencyLimits().acquire(session,
                List.of("metrics"), 1, Duration.ofMinutes(1)));
        assertThat(denied).as("the limit is taken").isEmpty();
        assertThat((boolean) db.inTransaction(session -> queries.concurrencyLimits().release(session, lease.id())))
                .isTrue();
        db.inTransaction(session -> queries.creates().createFlow(session, new FlowEntity("metrics-flow")));

        assertThat(fixture.pools).hasSize(3);
        assertQueryTimer(registry, dialect, Operation.CREATE_WORK_POOL, 3);
        assertQueryTimer(registry, dialect, Operation.CLAIM, 1);
        assertQueryTimer(registry, dialect, Operation.TRANSITION, 2);
        assertQueryTimer(registry, dialect, Operation.BULK_TRANSITION, 1);
        assertQueryTimer(registry, dialect, Operation.BULK_LOGS, 1);
        assertQueryTimer(registry, dialect, Operation.BULK_EVENTS, 1);
        assertQueryTimer(registry, dialect, Operation.ACQUIRE_SLOTS, 2);
        assertQueryTimer(registry, dialect, Operation.RELEASE_SLOTS, 1);
        assertQueryTimer(registry, dialect, Operation.IDEMPOTENT_CREATE, 1);
        Timer unused = registry.get(StratumMetrics.QUERY).tags("dialect", dialect, "operation",
                Operation.RENEW_SLOTS.metricName()).timer();
        assertThat(unused.count()).as("an operation not called is published at 0").isZero();
        assertThat(registry.get(StratumMetrics.QUERY).timers()).as("one timer per operation")
                .hasSize(Operation.values().length);

        // Pool figures: nothing held now; sessions were lent, none refused or leaked.
        assertThat(gauge(registry, StratumMetrics.POOL_ACTIVE)).isZero();
        assertThat(gauge(registry, StratumMetrics.POOL_PENDING)).isZero();
        assertThat(gauge(registry, StratumMetrics.POOL_IDLE)).isBetween(1.0, 5.0 + writerConnections());
        assertThat(gauge(registry, StratumMetrics.POOL_MAX)).isEqualTo(5.0 + writerConnections());
        FunctionTimer acquire = registry.get(StratumMetrics.POOL_ACQUIRE).tag("dialect", dialect).functionTimer();
        assertThat(acquire.count()).as("connections lent, at least one per transaction above").isGreaterThanOrEqualTo(12);
        assertThat(acquire.totalTime(TimeUnit.NANOSECONDS)).isGreaterThanOrEqualTo(0);
        assertThat(counter(registry, StratumMetrics.POOL_TIMEOUTS)).isZero();
        assertThat(counter(registry, StratumMetrics.POOL_LEAKS)).isZero();

        // A migration back and forth: the revision follows, each direction timed once.
        db.migrations().downgrade("-1");
        assertThat(gauge(registry, StratumMetrics.MIGRATIONS_REVISION)).isLessThan(newestRevision(db));
        db.migrations().upgrade("head");
        assertThat(gauge(registry, StratumMetrics.MIGRATIONS_REVISION)).isEqualTo(newestRevision(db));
        for (String direction : List.of("downgrade", "upgrade")) {
            Timer migrations = registry.get(StratumMetrics.MIGRATIONS).tags("dialect", dialect, "operation", direction)
                    .timer();
            assertThat(migrations.count()).as(direction).isEqualTo(1);
            assertThat(migrations.totalTime(TimeUnit.NANOSECONDS)).as(direction).isPositive();
        }
        for (Meter meter : registry.getMeters()) {
            assertThat(meter.getId().getTag("dialect")).as(meter.getId().getName()).isEqualTo(dialect);
        }
        assertThat(registry.getMeters()).extracting(meter -> meter.getId().getName()).contains(
                StratumMetrics.POOL_ACTIVE, StratumMetrics.POOL_IDLE, StratumMetrics.POOL_PENDING,
                StratumMetrics.POOL_MAX, StratumMetrics.POOL_ACQUIRE, StratumMetrics.POOL_TIMEOUTS,
                StratumMetrics.POOL_LEAKS, StratumMetrics.QUERY, StratumMetrics.MIGRATIONS_REVISION,
                StratumMetrics.MIGRATIONS);

        // Closed, the binder stops following: later operations are not recorded.
        metrics.close();
        db.inTransactionForUpdate(session -> queries.polling().claim(session, WorkerPollRequest.builder().limit(1).build()));
        assertQueryTimer(registry, dialect, Operation.CLAIM, 1);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void poolGaugesFollowSessionsHeldOpenInThreadsAndCountTimeoutsAndLeaks() throws Exception {
        DatabaseInterface db = open(database.settings().migrateOnStart(true).poolSize(1).maxOverflow(2)
                .poolTimeout(Duration.ofMillis(1500)).leakTimeout(Duration.ofMillis(500)));
        MeterRegistry registry = new SimpleMeterRegistry();
        new StratumMetrics(db).bindTo(registry);
        int max = 3;
        ExecutorService threads = Executors.newFixedThreadPool(max + 1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch holding = new CountDownLatch(max);
        try {
            List<Future<?>> holders = new ArrayList<>();
            for (int i = 0; i < max; i++) {
                holders.add(threads.submit(() -> {
                    // A transaction that has its connection (on SQLite DEFERRED: it takes no lock).
                    EntityManager session = db.session();
                    try {
                        session.getTransaction().begin();
                        session.unwrap(Connection.class);
                        holding.countDown();
                        release.await(60, TimeUnit.SECONDS);
                        session.getTransaction().rollback();
                    } finally {
                        session.close();
                    }
                    return null;
                }));
            }
            assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(gauge(registry, StratumMetrics.POOL_ACTIVE)).as("every connection lent").isEqualTo(max);
            assertThat(gauge(registry, StratumMetrics.POOL_IDLE)).isZero();
            assertThat(gauge(registry, StratumMetrics.POOL_PENDING)).isZero();

            // One more session waits (pending), then is refused after pool_timeout (a timeout).
            Future<Throwable> waiter = threads.submit(() -> {
                try {
                    db.sessionContext(false, false, session -> session.createQuery("SELECT count(f) FROM Flow f",
                            Long.class).getSingleResult());
                    return null;
                } catch (Throwable e) {
                    return e;
                }
            });
            await("a caller waiting for a connection", () -> gauge(registry, StratumMetrics.POOL_PENDING) == 1);
            assertThat(waiter.get(30, TimeUnit.SECONDS)).isInstanceOf(PoolExhaustedException.class);
            assertThat(gauge(registry, StratumMetrics.POOL_PENDING)).isZero();
            assertThat(counter(registry, StratumMetrics.POOL_TIMEOUTS)).isEqualTo(1);
            // Held past leak_timeout (0.5 s), the held connections are reported as leaks.
            await("leaks counted", () -> counter(registry, StratumMetrics.POOL_LEAKS) >= 1);

            release.countDown();
            for (Future<?> holder : holders) {
                holder.get(30, TimeUnit.SECONDS);
            }
            assertThat(gauge(registry, StratumMetrics.POOL_ACTIVE)).as("every connection back").isZero();
            assertThat(gauge(registry, StratumMetrics.POOL_IDLE)).isBetween(1.0, (double) max);
            assertThat(registry.get(StratumMetrics.POOL_ACQUIRE).functionTimer().count())
                    .isGreaterThanOrEqualTo(max);
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
    }

    @Test
    void healthOfALiveDatabaseIsReachableUpToDateWithPoolFigures() {
        DatabaseInterface db = open(database.settings().migrateOnStart(true).poolSize(2).maxOverflow(1));
        Health health = db.health();
        assertThat(health.reachable()).isTrue();
        assertThat(health.failure()).isEmpty();
        SchemaStatus schema = health.schema().orElseThrow();
        assertThat(schema.state()).isEqualTo(SchemaStatus.State.UP_TO_DATE);
        assertThat(schema.current()).contains(db.migrations().newest().id());
        assertThat(schema.newest()).isEqualTo(db.migrations().newest().id());
        assertThat(health.ready()).isTrue();
        assertThat(health.pool().max()).isEqualTo(3 + writerConnections());
        assertThat(health.pool().active()).isZero();
        assertThat(health.took()).isLessThanOrEqualTo(db.settings().connectionTimeout().plusSeconds(1));
    }

    @Test
    void healthOfADatabaseBehindNamesBothRevisionsAndIsNotReady() {
        DatabaseInterface db = open(database.settings().migrateOnStart(true));
        db.migrations().downgrade("-1");
        Health health = db.health();
        assertThat(health.reachable()).isTrue();
        SchemaStatus schema = health.schema().orElseThrow();
        assertThat(schema.state()).isEqualTo(SchemaStatus.State.BEHIND);
        assertThat(schema.newest()).isEqualTo(db.migrations().newest().id());
        assertThat(schema.current()).isPresent().get().isNotEqualTo(schema.newest());
        assertThat(health.ready()).isFalse();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void healthOfAnUnreachableDatabaseSaysWhyWithinTheConnectionTimeoutAndNeverThrows() {
        String password = "health-secret-" + UUID.randomUUID();
        Duration connectionTimeout = Duration.ofSeconds(2);
        DatabaseInterface db = open(unreachable().password(password).connectionTimeout(connectionTimeout)
                .migrateOnStart(false));
        Health health = db.health();
        assertThat(health.reachable()).isFalse();
        assertThat(health.ready()).isFalse();
        assertThat(health.schema()).isEmpty();
        assertThat(health.failure()).isPresent();
        assertThat(health.failure().get()).isNotBlank().doesNotContain(password);
        assertThat(health.toString()).doesNotContain(password);
        assertThat(health.pool().active()).isZero();
        assertThat(health.took()).as("bounded by connection_timeout").isLessThanOrEqualTo(connectionTimeout.plusSeconds(1));

        db.close();
        Health closed = db.health();
        assertThat(closed.reachable()).isFalse();
        assertThat(closed.failure()).contains("this database interface was closed");
    }

    @Test
    void aListenerThatThrowsDoesNotFailTheOperationAndRemovedListenersAreNotCalled() {
        DatabaseInterface db = open(database.settings().migrateOnStart(true));
        AtomicInteger calls = new AtomicInteger();
        OperationListener throwing = (operation, took, failed) -> {
            calls.incrementAndGet();
            throw new IllegalStateException("listener bug");
        };
        db.addOperationListener(throwing);
        db.inTransaction(session -> db.queries().creates().createFlow(session, new FlowEntity("listened")));
        assertThat(calls).hasValue(1);
        db.removeOperationListener(throwing);
        db.inTransaction(session -> db.queries().creates().createFlow(session, new FlowEntity("not listened")));
        assertThat(calls).hasValue(1);
        assertThatThrownBy(() -> db.addOperationListener(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("addOperationListener(null)");
    }

    @Test
    void aFailedOperationIsReportedAsFailed() {
        DatabaseInterface db = open(database.settings().migrateOnStart(true));
        List<Boolean> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        db.addOperationListener((operation, took, failed) -> failures.add(failed));
        assertThatThrownBy(() -> db.inTransaction(session -> db.queries().concurrencyLimits()
                .acquire(session, List.of("no such limit"), 1, Duration.ofMinutes(1)))).isInstanceOf(RuntimeException.class);
        assertThat(failures).containsExactly(true);
    }

    private static void assertQueryTimer(MeterRegistry registry, String dialect, Operation operation, long count) {
        Timer timer = registry.get(StratumMetrics.QUERY).tags("dialect", dialect, "operation", operation.metricName())
                .timer();
        assertThat(timer.count()).as(operation.metricName() + " calls").isEqualTo(count);
        assertThat(timer.totalTime(TimeUnit.NANOSECONDS)).as(operation.metricName() + " time").isPositive();
    }

    private static double gauge(MeterRegistry registry, String name) {
        return registry.get(name).gauge().value();
    }

    private static double counter(MeterRegistry registry, String name) {
        FunctionCounter counter = registry.get(name).functionCounter();
        return counter.count();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("within 20 s: " + what).isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
