package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.Stratum;
import io.stratum.api.StratumException;
import io.stratum.api.model.StateType;
import io.stratum.api.model.WorkPool;
import io.stratum.api.query.NewWorkPool;
import io.stratum.api.query.NewWorkQueue;
import io.stratum.api.query.ScheduledFlowRun;
import io.stratum.api.query.WorkerPollRequest;
import io.stratum.api.query.WorkerPolling;
import io.stratum.orm.model.FlowRunEntity;
import io.stratum.orm.model.FlowRunStateEntity;
import io.stratum.orm.model.WorkPoolEntity;
import io.stratum.orm.model.WorkQueueEntity;
import io.stratum.orm.types.RetryType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Worker polling (reference §3), run once per dialect. The counts are the reference's own expectations
 * (tests/server/database/test_queries.py) on its fixture; see {@link WorkerPollingFixture}.
 */
abstract class WorkerPollingContract {
    protected TestDatabase database;
    protected DatabaseInterface db;
    protected WorkerPolling polling;
    protected WorkerPollingFixture fixture;

    abstract TestDatabase newDatabase();

    /** What the dialect's JDBC driver accepts for a UUID or Instant on a pooled connection. */
    abstract UnaryOperator<Object> toJdbc();

    @BeforeEach
    void createFixture() {
        database = newDatabase();
        db = Stratum.open(database.settings().migrateOnStart(true).build());
        polling = db.queries().polling();
        fixture = new WorkerPollingFixture().create(db);
    }

    @AfterEach
    void dropDatabase() {
        db.close();
        database.close();
    }

    List<ScheduledFlowRun> poll(WorkerPollRequest request) {
        return db.inTransaction(session -> polling.scheduledFlowRuns(session, request));
    }

    List<ScheduledFlowRun> poll(UnaryOperator<WorkerPollRequest.Builder> request) {
        return poll(request.apply(WorkerPollRequest.builder()).build());
    }

    UUID pool(String name) {
        return fixture.pools.get(name);
    }

    UUID queue(String name) {
        return fixture.queues.get(name);
    }

    static long countFrom(List<ScheduledFlowRun> runs, UUID id) {
        return runs.stream().filter(r -> id.equals(r.workQueueId()) || id.equals(r.workPoolId())).count();
    }

    static List<Instant> times(List<ScheduledFlowRun> runs) {
        return runs.stream().map(r -> ((FlowRunEntity) r.flowRun()).getNextScheduledStartTime()).toList();
    }

    static List<UUID> ids(List<ScheduledFlowRun> runs) {
        return runs.stream().map(r -> r.flowRun().getId()).toList();
    }

    void update(Consumer<jakarta.persistence.EntityManager> change) {
        db.inTransaction(session -> {
            change.accept(session);
            return null;
        });
    }

    void setQueue(String name, Consumer<WorkQueueEntity> change) {
        update(session -> change.accept(session.find(WorkQueueEntity.class, queue(name))));
    }

    void setPool(String name, Consumer<WorkPoolEntity> change) {
        update(session -> change.accept(session.find(WorkPoolEntity.class, pool(name))));
    }

    @Test
    void limitsAndFiltersGiveTheReferenceCounts() {
        List<ScheduledFlowRun> all = poll(WorkerPollRequest.all());
        assertThat(all).hasSize(45);
        assertThat(times(all)).isSortedAccordingTo(Comparator.naturalOrder());
        assertThat(all).allSatisfy(run -> assertThat(run.flowRun().getStateType()).isEqualTo(StateType.SCHEDULED));

        for (int limit : new int[] {100, 10, 0}) {
            List<ScheduledFlowRun> limited = poll(r -> r.limit(Math.min(limit, 45)));
            assertThat(ids(limited)).as("limit %d", limit).isEqualTo(ids(all).subList(0, Math.min(limit, 45)));
        }

        record Case(String name, UnaryOperator<WorkerPollRequest.Builder> request, int expected) {
        }
        List<Case> cases = List.of(
                new Case("pool A", r -> r.workPoolIds(pool("A")), 15),
                new Case("pools A, B, C", r -> r.workPoolIds(pool("A"), pool("B"), pool("C")), 45),
                new Case("pools A, B", r -> r.workPoolIds(pool("A"), pool("B")), 30),
                new Case("queue AA", r -> r.workQueueIds(queue("AA")), 5),
                new Case("queues AA, BA, CB", r -> r.workQueueIds(queue("AA"), queue("BA"), queue("CB")), 15),
                new Case("queue AA in all pools", r -> r.workPoolIds(pool("A"), pool("B"), pool("C"))
                        .workQueueIds(queue("AA")), 5),
                new Case("queue AA in pool B", r -> r.workPoolIds(pool("B")).workQueueIds(queue("AA")), 0));
        for (Case c : cases) {
            assertThat(poll(c.request())).as(c.name()).hasSize(c.expected());
        }
        assertThat(poll(r -> r.workQueueIds(queue("AA")))).allSatisfy(run ->
                assertThat(run.workQueueId()).isEqualTo(queue("AA")));

        for (int workerLimit : new int[] {100, 7, 0}) {
            List<ScheduledFlowRun> runs = poll(r -> r.workerLimit(workerLimit));
            assertThat(runs).as("worker limit %d", workerLimit).hasSize(Math.min(15, workerLimit) * 3);
            for (UUID pool : fixture.pools.values()) {
                assertThat(countFrom(runs, pool)).as("worker limit %d per pool", workerLimit)
                        .isEqualTo(Math.min(15, workerLimit));
            }
        }
        for (int queueLimit : new int[] {100, 3, 0}) {
            List<ScheduledFlowRun> runs = poll(r -> r.queueLimit(queueLimit));
            assertThat(runs).as("queue limit %d", queueLimit).hasSize(Math.min(5, queueLimit) * 9);
            for (UUID queue : fixture.queues.values()) {
                assertThat(countFrom(runs, queue)).as("queue limit %d per queue", queueLimit)
                        .isEqualTo(Math.min(5, queueLimit));
            }
        }
        assertThatThrownBy(() -> WorkerPollRequest.builder().limit(-1).build())
                .isInstanceOf(StratumException.class).hasMessageContaining("limit is -1");
    }

    @Test
    void pausedPoolsAndQueuesAreSkipped() {
        setQueue("AA", queue -> queue.setPaused(true));
        assertThat(poll(r -> r.workQueueIds(queue("AA")))).isEmpty();
        List<ScheduledFlowRun> queueLimited = poll(r -> r.queueLimit(3));
        assertThat(queueLimited).hasSize(24);
        assertThat(countFrom(queueLimited, queue("AA"))).isZero();
        setQueue("AA", queue -> queue.setPaused(false));

        setPool("A", pool -> pool.setPaused(true));
        assertThat(poll(r -> r.workQueueIds(queue("AA")))).isEmpty();
        List<ScheduledFlowRun> workerLimited = poll(r -> r.workerLimit(7));
        assertThat(workerLimited).hasSize(14);
        assertThat(countFrom(workerLimited, pool("A"))).isZero();
        assertThat(countFrom(workerLimited, pool("B"))).isEqualTo(7);
        assertThat(countFrom(workerLimited, pool("C"))).isEqualTo(7);
    }

    @Test
    void concurrencyLimitsCountRunningAndPendingRuns() {
        // Queue AA holds 1 RUNNING and 1 PENDING run; pool A's three queues hold 6.
        Map<Integer, Integer> queueLimitToRuns = Map.of(10, 5, 5, 3, 2, 0);
        queueLimitToRuns.forEach((limit, expected) -> {
            setQueue("AA", queue -> queue.setConcurrencyLimit(limit));
            assertThat(poll(r -> r.workQueueIds(queue("AA")))).as("queue limit %d", limit).hasSize(expected);
        });
        setQueue("AA", queue -> queue.setConcurrencyLimit(null));

        Map<Integer, Integer> poolLimitToQueueRuns = Map.of(20, 5, 10, 4, 7, 1, 2, 0);
        poolLimitToQueueRuns.forEach((limit, expected) -> {
            setPool("A", pool -> pool.setConcurrencyLimit(limit));
            assertThat(poll(r -> r.workQueueIds(queue("AA")))).as("pool limit %d, queue AA", limit).hasSize(expected);
        });
        Map<Integer, Integer> poolLimitToPoolRuns = Map.of(25, 15, 16, 10, 7, 1, 2, 0);
        poolLimitToPoolRuns.forEach((limit, expected) -> {
            setPool("A", pool -> pool.setConcurrencyLimit(limit));
            assertThat(poll(r -> r.workPoolIds(pool("A")))).as("pool limit %d, pool A", limit).hasSize(expected);
        });

        // Runs of a paused queue do not count against the pool (PostgreSQL's rule, kept on SQLite too):
        // with AB paused, AA and AC hold 4 runs, leaving 3 of 7 slots.
        setQueue("AB", queue -> queue.setPaused(true));
        setPool("A", pool -> pool.setConcurrencyLimit(7));
        assertThat(poll(r -> r.workQueueIds(queue("AA")))).hasSize(3);
    }

    @Test
    void queuePrioritiesOrderTheRunsWhenAsked() {
        List<ScheduledFlowRun> byTime = poll(r -> r.workPoolIds(pool("A")));
        assertThat(byTime).hasSize(15);
        assertThat(times(byTime)).isSortedAccordingTo(Comparator.naturalOrder());
        assertThat(byTime.subList(0, 3)).extracting(ScheduledFlowRun::workQueueId)
                .containsExactlyInAnyOrder(queue("AA"), queue("AB"), queue("AC"));

        List<ScheduledFlowRun> byPriority = poll(r -> r.workPoolIds(pool("A")).respectQueuePriorities(true));
        assertThat(byPriority.subList(0, 5)).allSatisfy(r -> assertThat(r.workQueueId()).isEqualTo(queue("AA")));
        assertThat(byPriority.subList(5, 10)).allSatisfy(r -> assertThat(r.workQueueId()).isEqualTo(queue("AB")));
        assertThat(byPriority.subList(10, 15)).allSatisfy(r -> assertThat(r.workQueueId()).isEqualTo(queue("AC")));
        assertThat(times(byPriority)).isNotEqualTo(times(byTime));

        List<ScheduledFlowRun> twoPools = poll(r -> r.workPoolIds(pool("A"), pool("B")).respectQueuePriorities(true));
        assertThat(twoPools).hasSize(30);
        assertThat(twoPools.subList(0, 10)).allSatisfy(r -> assertThat(r.workQueueId()).isIn(queue("AA"), queue("BA")));
        assertThat(twoPools.subList(10, 20)).allSatisfy(r -> assertThat(r.workQueueId()).isIn(queue("AB"), queue("BB")));
        assertThat(twoPools.subList(20, 30)).allSatisfy(r -> assertThat(r.workQueueId()).isIn(queue("AC"), queue("BC")));
        // Within a priority, time order across pools.
        assertThat(times(twoPools.subList(0, 10))).isSortedAccordingTo(Comparator.naturalOrder());
    }

    @Test
    void timeWindowsAndTheRetryTypeBoundWhatIsPolled() {
        // "now" one second after the fixture's base, as the reference's tests query a moment later.
        Instant now = fixture.base.plusSeconds(1);
        Map<Integer, Integer> before = Map.of(100, 45, 3, 45, 1, 27, -1, 9, -10, 0);
        before.forEach((hours, expected) -> assertThat(poll(r -> r.scheduledBefore(now.plus(hours, ChronoUnit.HOURS))))
                .as("scheduled before now%+dh", hours).hasSize(expected));
        Map<Integer, Integer> after = Map.of(-100, 45, -3, 45, 0, 27, 2, 9, 10, 0);
        after.forEach((hours, expected) -> assertThat(poll(r -> r.scheduledAfter(now.plus(hours, ChronoUnit.HOURS))))
                .as("scheduled after now%+dh", hours).hasSize(expected));
        assertThat(poll(r -> r.scheduledBefore(now.minus(1, ChronoUnit.HOURS)).scheduledAfter(now.plus(1, ChronoUnit.HOURS))))
                .isEmpty();
        // Bounds are inclusive, also below a microsecond.
        assertThat(poll(r -> r.scheduledAfter(fixture.base).scheduledBefore(fixture.base))).hasSize(9);
        assertThat(poll(r -> r.scheduledAfter(fixture.base.plusNanos(1)).scheduledBefore(fixture.base.plusNanos(999))))
                .isEmpty();

        // Runs retried in process are the engine's, not a worker's; rescheduled ones are polled.
        Instant soon = fixture.base.plus(10, ChronoUnit.MINUTES);
        UUID[] reschedule = new UUID[1];
        update(session -> {
            fixture.run(session, queue("AA"), StateType.SCHEDULED, soon, RetryType.IN_PROCESS);
            reschedule[0] = fixture.run(session, queue("AA"), StateType.SCHEDULED, soon, RetryType.RESCHEDULE).getId();
        });
        List<ScheduledFlowRun> runs = poll(r -> r.workQueueIds(queue("AA")));
        assertThat(runs).hasSize(6);
        assertThat(ids(runs)).contains(reschedule[0]);
    }

    @Test
    void claimMovesTheRunsToPendingSoTheyAreNotPolledAgain() {
        List<ScheduledFlowRun> claimed = db.inTransactionForUpdate(session ->
                polling.claim(session, WorkerPollRequest.builder().limit(10).build()));
        assertThat(claimed).hasSize(10);
        assertThat(claimed).allSatisfy(run -> {
            FlowRunEntity flowRun = (FlowRunEntity) run.flowRun();
            assertThat(flowRun.getStateType()).isEqualTo(StateType.PENDING);
            assertThat(flowRun.getStateName()).isEqualTo("Pending");
            assertThat(flowRun.getNextScheduledStartTime()).isNull();
            assertThat(flowRun.getExpectedStartTime()).isNotNull();
        });
        db.sessionContext(false, false, session -> {
            for (ScheduledFlowRun run : claimed) {
                FlowRunEntity stored = session.find(FlowRunEntity.class, run.flowRun().getId());
                FlowRunStateEntity state = session.find(FlowRunStateEntity.class, stored.getStateId());
                assertThat(state.getType()).isEqualTo(StateType.PENDING);
                assertThat(state.getFlowRunId()).isEqualTo(stored.getId());
                assertThat(state.getTimestamp()).isEqualTo(stored.getStateTimestamp());
                long states = session.createQuery("SELECT COUNT(s) FROM FlowRunState s WHERE s.flowRunId = :run",
                        Long.class).setParameter("run", stored.getId()).getSingleResult();
                assertThat(states).isEqualTo(2);
            }
            return null;
        });
        List<ScheduledFlowRun> rest = poll(WorkerPollRequest.all());
        assertThat(rest).hasSize(35);
        assertThat(ids(rest)).doesNotContainAnyElementsOf(ids(claimed));

        // Claimed runs count against concurrency limits: AA now holds 2 more PENDING runs than before.
        long claimedFromAa = countFrom(claimed, queue("AA"));
        setQueue("AA", queue -> queue.setConcurrencyLimit(5));
        // Slots: 5 - (1 RUNNING + 1 PENDING + the claimed ones); AA has 5 - claimed scheduled runs left.
        assertThat(poll(r -> r.workQueueIds(queue("AA")))).hasSize((int) (3 - claimedFromAa));

        assertThatThrownBy(() -> db.sessionContext(false, false, session ->
                polling.claim(session, WorkerPollRequest.all())))
                .isInstanceOf(StratumException.class).hasMessageContaining("active transaction");
    }

    /**
     * A claim takes exactly the runs a poll of the same request returns, in its order: with and without
     * concurrency limits (a claim counts slots only when a polled pool or queue has a limit), queue
     * priorities, per-worker and per-queue limits, filters and paused queues.
     */
    @Test
    void aClaimTakesWhatAPollReturnsInItsOrder() {
        record Case(String name, UnaryOperator<WorkerPollRequest.Builder> request) {
        }
        List<Case> cases = List.of(
                new Case("all", r -> r),
                new Case("limit 10", r -> r.limit(10)),
                new Case("pools A, B by priority", r -> r.workPoolIds(pool("A"), pool("B")).respectQueuePriorities(true)),
                new Case("worker limit 7", r -> r.workerLimit(7)),
                new Case("queue limit 3, queues AA, BA, CB", r -> r.queueLimit(3).workQueueIds(queue("AA"), queue("BA"),
                        queue("CB"))));
        List<Runnable> settings = List.of(
                () -> { },
                () -> setQueue("AA", queue -> queue.setConcurrencyLimit(4)),
                () -> setPool("A", pool -> pool.setConcurrencyLimit(10)),
                () -> setQueue("AB", queue -> queue.setPaused(true)),
                () -> setPool("B", pool -> pool.setConcurrencyLimit(8)));
        int setting = 0;
        for (Runnable change : settings) {
            change.run();
            setting++;
            for (Case c : cases) {
                WorkerPollRequest request = c.request().apply(WorkerPollRequest.builder()).build();
                List<UUID> polled = ids(poll(request));
                assertThat(claimRolledBack(request)).as("%s after %d settings", c.name(), setting).isEqualTo(polled);
            }
        }
        // Every queue holds 2 RUNNING/PENDING runs. Pool A: 10 - 4 (AB paused, not counted) = 6 slots, AA's
        // limit of 4 leaves it 2, so AA gives 2 and AC 4; pool B: 8 - 6 = 2; pool C: all its 15.
        assertThat(claimRolledBack(WorkerPollRequest.all())).hasSize(6 + 2 + 15);
    }

    /** The ids a claim returns, in its order, from a transaction rolled back afterwards. */
    List<UUID> claimRolledBack(WorkerPollRequest request) {
        jakarta.persistence.EntityManager session = db.session();
        try {
            session.getTransaction().begin();
            return ids(polling.claim(session, request));
        } finally {
            session.getTransaction().rollback();
            session.close();
        }
    }

    @Test
    void concurrentClaimersNeverExceedAConcurrencyLimit() throws Exception {
        // Pool A allows 10 runs; its queues hold 6 RUNNING/PENDING ones, so 4 claims may succeed in all.
        setPool("A", pool -> pool.setConcurrencyLimit(10));
        int claimers = 4;
        List<Callable<List<UUID>>> work = new ArrayList<>();
        for (int i = 0; i < claimers; i++) {
            work.add(() -> {
                List<UUID> mine = new ArrayList<>();
                for (int attempt = 0; attempt < 5; attempt++) {
                    mine.addAll(ids(db.inTransactionForUpdate(session -> polling.claim(session,
                            WorkerPollRequest.builder().workPoolIds(pool("A")).limit(1).build()))));
                }
                return mine;
            });
        }
        List<UUID> claimed = runConcurrently(work, 60).stream().flatMap(List::stream).toList();
        assertThat(claimed).hasSize(4).doesNotHaveDuplicates();
    }

    @Test
    void eightPollersClaimEachScheduledRunExactlyOnce() throws Exception {
        int runs = drainRunCount();
        UUID[] drainPool = new UUID[1];
        List<UUID> drainQueues = new ArrayList<>();
        update(session -> {
            drainPool[0] = polling.createWorkPool(session, "drain", "process").getId();
            WorkQueueEntity second = WorkerPollingFixture.queue(drainPool[0], "second", 2);
            session.persist(second);
            drainQueues.add(WorkerPollingFixture.pool(session, drainPool[0]).getDefaultQueueId());
            drainQueues.add(second.getId());
        });
        List<UUID> inserted = WorkerPollingFixture.insertScheduledRuns(db, fixture.flow.getId(), drainQueues, runs,
                fixture.base, toJdbc());

        int pollers = 8;
        WorkerPollRequest request = WorkerPollRequest.builder().workPoolIds(drainPool[0]).limit(100).build();
        List<Callable<List<UUID>>> work = new ArrayList<>();
        for (int i = 0; i < pollers; i++) {
            work.add(() -> {
                List<UUID> mine = new ArrayList<>();
                while (true) {
                    List<ScheduledFlowRun> batch = db.inTransactionForUpdate(session -> polling.claim(session, request));
                    if (batch.isEmpty()) {
                        return mine;
                    }
                    mine.addAll(ids(batch));
                }
            });
        }
        long started = System.nanoTime();
        List<List<UUID>> perPoller = runConcurrently(work, 150);
        double seconds = (System.nanoTime() - started) / 1e9;
        List<UUID> claimed = perPoller.stream().flatMap(List::stream).toList();
        System.out.printf("[throughput] %s: %d pollers claimed %d runs (batches of 100) in %.2f s = %.0f claims/s; per poller %s%n",
                db.dialect().id(), pollers, claimed.size(), seconds, claimed.size() / seconds,
                perPoller.stream().map(List::size).toList());

        assertThat(claimed).doesNotHaveDuplicates();
        assertThat(new HashSet<>(claimed)).isEqualTo(new HashSet<>(inserted));
        assertThat(poll(r -> r.workPoolIds(drainPool[0]))).isEmpty();
        long pending = db.sessionContext(false, false, session -> session.createQuery(
                "SELECT COUNT(r) FROM FlowRun r WHERE r.stateType = :pending AND r.workQueueId IN :queues", Long.class)
                .setParameter("pending", StateType.PENDING).setParameter("queues", drainQueues).getSingleResult());
        assertThat(pending).isEqualTo(runs);
    }

    /** Scheduled runs the drain test inserts. */
    int drainRunCount() {
        return 20_000;
    }

    @Test
    void legacyQueuePollingMatchesRunsByQueueName() {
        Instant now = fixture.base;
        UUID[] q = new UUID[2];
        UUID[] fr = new UUID[3];
        update(session -> {
            WorkQueueEntity q1 = WorkerPollingFixture.queue(pool("A"), "q1", 10);
            WorkQueueEntity q2 = WorkerPollingFixture.queue(pool("A"), "q2", 11);
            session.persist(q1);
            session.persist(q2);
            q[0] = q1.getId();
            q[1] = q2.getId();
            fr[0] = legacyRun(session, "q1", now.minus(2, ChronoUnit.MINUTES));
            fr[1] = legacyRun(session, "q1", now.minus(1, ChronoUnit.MINUTES));
            fr[2] = legacyRun(session, "q2", now);
        });
        List<ScheduledFlowRun> all = legacyPoll(null, null, null);
        assertThat(ids(all)).containsExactly(fr[0], fr[1], fr[2]);
        assertThat(all).extracting(ScheduledFlowRun::workQueueId).containsExactly(q[0], q[0], q[1]);
        assertThat(all).extracting(ScheduledFlowRun::workPoolId).containsOnly(pool("A"));
        assertThat(ids(legacyPoll(1, null, null))).containsExactly(fr[0], fr[2]);
        assertThat(ids(legacyPoll(null, null, now.minusSeconds(90)))).containsExactly(fr[0]);
        assertThat(ids(legacyPoll(null, List.of(q[1]), null))).containsExactly(fr[2]);

        // A RUNNING run of q1 fills q1's one slot; CANCELLING counts too.
        update(session -> {
            FlowRunEntity running = fixture.run(session, null, StateType.RUNNING, null, null);
            running.setWorkQueueName("q1");
            session.find(WorkQueueEntity.class, q[0]).setConcurrencyLimit(1);
        });
        assertThat(ids(legacyPoll(null, null, null))).containsExactly(fr[2]);
        update(session -> session.find(WorkQueueEntity.class, q[0]).setConcurrencyLimit(3));
        assertThat(ids(legacyPoll(null, null, null))).containsExactly(fr[0], fr[1], fr[2]);
        update(session -> {
            FlowRunEntity cancelling = fixture.run(session, null, StateType.CANCELLING, null, null);
            cancelling.setWorkQueueName("q1");
        });
        assertThat(ids(legacyPoll(null, null, null))).containsExactly(fr[0], fr[2]);

        update(session -> session.find(WorkQueueEntity.class, q[1]).setPaused(true));
        assertThat(ids(legacyPoll(null, null, null))).containsExactly(fr[0]);
    }

    /**
     * The legacy poll as a statement: wrapped in a CTE and joined to flow_run and work_queue by the
     * caller, with the caller's own filter and order, it gives what the poll gives.
     */
    @Test
    void legacyQueuePollComposesAsACteAndAJoin() {
        Instant now = fixture.base;
        UUID[] fr = new UUID[3];
        update(session -> {
            session.persist(WorkerPollingFixture.queue(pool("A"), "q1", 10));
            session.persist(WorkerPollingFixture.queue(pool("A"), "q2", 11));
            fr[0] = legacyRun(session, "q1", now.minus(2, ChronoUnit.MINUTES));
            fr[1] = legacyRun(session, "q1", now.minus(1, ChronoUnit.MINUTES));
            fr[2] = legacyRun(session, "q2", now);
        });
        io.stratum.api.query.SqlFragment poll = polling.scheduledFlowRunsFromWorkQueuesQuery(1, null, null);
        List<?> rows = db.inTransaction(session -> {
            jakarta.persistence.Query query = session.createNativeQuery("WITH polled AS (" + poll.sql() + ")"
                    + " SELECT wq.name, fr.expected_start_time FROM polled"
                    + " JOIN flow_run fr ON fr.id = polled.flow_run_id"
                    + " JOIN work_queue wq ON wq.id = polled.work_queue_id"
                    + " WHERE fr.expected_start_time <= ?"
                    + " ORDER BY polled.next_scheduled_start_time, polled.flow_run_id");
            int next = poll.bindTo(query, 1);
            query.setParameter(next, now);
            return query.getResultList();
        });
        assertThat(rows).extracting(row -> ((Object[]) row)[0]).containsExactly("q1", "q2");
        List<ScheduledFlowRun> polled = legacyPoll(1, null, null);
        assertThat(ids(polled)).containsExactly(fr[0], fr[2]);

        // As a subquery in a join: runs polled per queue, next to every queue of pool A.
        io.stratum.api.query.SqlFragment all = polling.scheduledFlowRunsFromWorkQueuesQuery(null, null, now.minusSeconds(30));
        List<?> counts = db.inTransaction(session -> {
            jakarta.persistence.Query query = session.createNativeQuery("SELECT wq.name, count(polled.flow_run_id)"
                    + " FROM work_queue wq LEFT JOIN (" + all.sql() + ") polled ON polled.work_queue_id = wq.id"
                    + " WHERE wq.work_pool_id = ? GROUP BY wq.name ORDER BY wq.name");
            int next = all.bindTo(query, 1);
            query.setParameter(next, pool("A"));
            return query.getResultList();
        });
        assertThat(counts).extracting(row -> ((Object[]) row)[0] + "=" + ((Number) ((Object[]) row)[1]).intValue())
                .containsExactly("AA=0", "AB=0", "AC=0", "default=0", "q1=2", "q2=0");
    }

    UUID legacyRun(jakarta.persistence.EntityManager session, String queueName, Instant scheduled) {
        FlowRunEntity run = fixture.run(session, null, StateType.SCHEDULED, scheduled, null);
        run.setWorkQueueName(queueName);
        return run.getId();
    }

    List<ScheduledFlowRun> legacyPoll(Integer limitPerQueue, List<UUID> queueIds, Instant before) {
        return db.inTransaction(session -> polling.scheduledFlowRunsFromWorkQueues(session, limitPerQueue, queueIds, before));
    }

    @Test
    void aNewWorkPoolHasItsDefaultQueue() {
        WorkPool created = db.inTransaction(session -> polling.createWorkPool(session,
                NewWorkPool.of("fresh", "kubernetes").withConcurrencyLimit(4).withBaseJobTemplate(Map.of("job", Map.of()))));
        db.sessionContext(false, false, session -> {
            WorkPoolEntity pool = session.find(WorkPoolEntity.class, created.getId());
            assertThat(pool.getName()).isEqualTo("fresh");
            assertThat(pool.getType()).isEqualTo("kubernetes");
            assertThat(pool.getConcurrencyLimit()).isEqualTo(4);
            assertThat(pool.getBaseJobTemplate()).containsKey("job");
            List<WorkQueueEntity> queues = session.createQuery("SELECT q FROM WorkQueue q WHERE q.workPoolId = :pool",
                    WorkQueueEntity.class).setParameter("pool", pool.getId()).getResultList();
            assertThat(queues).hasSize(1);
            assertThat(queues.get(0).getName()).isEqualTo("default");
            assertThat(queues.get(0).getPriority()).isEqualTo(1);
            assertThat(pool.getDefaultQueueId()).isEqualTo(queues.get(0).getId());
            return null;
        });
        assertThatThrownBy(() -> db.inTransaction(session -> polling.createWorkPool(session, "fresh", "process")))
                .isInstanceOf(StratumException.class).hasMessageContaining("'fresh' exists already");
        assertThatThrownBy(() -> NewWorkPool.of(" ", "process")).isInstanceOf(StratumException.class);
        long pools = db.sessionContext(false, false, session -> session.createQuery(
                "SELECT COUNT(p) FROM WorkPool p WHERE p.name = 'fresh'", Long.class).getSingleResult());
        assertThat(pools).isEqualTo(1);
        // The fixture's pools got theirs too.
        Set<UUID> defaults = db.sessionContext(false, false, session -> fixture.pools.values().stream()
                .map(id -> session.find(WorkPoolEntity.class, id).getDefaultQueueId()).collect(Collectors.toSet()));
        assertThat(defaults).hasSize(3).doesNotContainNull();
    }

    @Test
    void aNewWorkQueueGetsThePoolsNextPriorityOrMovesTheOthersBack() {
        UUID pool = db.inTransaction(session -> polling.createWorkPool(session, "priorities", "process").getId());
        // The default queue has priority 1: the next ones get max + 1 (the reference's create_work_queue).
        int second = db.inTransaction(session -> polling.createWorkQueue(session, NewWorkQueue.of(pool, "b")).getPriority());
        int third = db.inTransaction(session -> polling.createWorkQueue(session, NewWorkQueue.of(pool, "c")).getPriority());
        assertThat(second).isEqualTo(2);
        assertThat(third).isEqualTo(3);
        // A given priority goes before the queue that has it; the later ones move back, order kept.
        db.inTransaction(session -> polling.createWorkQueue(session, NewWorkQueue.of(pool, "urgent").withPriority(2)));
        assertThat(priorities(pool)).containsExactly(Map.entry("default", 1), Map.entry("urgent", 2), Map.entry("b", 3),
                Map.entry("c", 4));
        db.inTransaction(session -> polling.createWorkQueue(session, NewWorkQueue.of(pool, "last").withPriority(10)));
        assertThat(priorities(pool)).containsEntry("last", 10).containsEntry("c", 4);
        // A pool's first queue created this way (no default queue) gets 1.
        UUID bare = UUID.randomUUID();
        db.inTransaction(session -> {
            WorkPoolEntity entity = new WorkPoolEntity();
            entity.setId(bare);
            entity.setName("bare");
            entity.setType("process");
            session.persist(entity);
            return null;
        });
        assertThat(db.inTransaction(session -> polling.createWorkQueue(session, NewWorkQueue.of(bare, "first")))
                .getPriority()).isEqualTo(1);

        assertThatThrownBy(() -> db.inTransaction(session -> polling.createWorkQueue(session, NewWorkQueue.of(pool, "b"))))
                .isInstanceOf(StratumException.class).hasMessageContaining("'b' already");
        UUID missing = UUID.randomUUID();
        assertThatThrownBy(() -> db.inTransaction(session -> polling.createWorkQueue(session, NewWorkQueue.of(missing, "x"))))
                .isInstanceOf(StratumException.class).hasMessageContaining(missing.toString());
        assertThatThrownBy(() -> NewWorkQueue.of(pool, "x").withPriority(0)).isInstanceOf(StratumException.class)
                .hasMessageContaining("priority 0");
        assertThat(priorities(pool)).hasSize(5);
    }

    @Test
    void concurrentQueueCreatesInOnePoolGetDistinctNextPriorities() throws Exception {
        UUID pool = db.inTransaction(session -> polling.createWorkPool(session, "crowded", "process").getId());
        List<Callable<Integer>> creates = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String name = "queue-" + i;
            creates.add(() -> db.inTransaction(session -> polling.createWorkQueue(session, NewWorkQueue.of(pool, name)))
                    .getPriority());
        }
        assertThat(runConcurrently(creates, 60)).containsExactlyInAnyOrder(2, 3, 4, 5, 6, 7);
        assertThat(new HashSet<>(priorities(pool).values())).hasSize(7);
    }

    private Map<String, Integer> priorities(UUID pool) {
        return db.sessionContext(false, false, session -> session.createQuery(
                        "SELECT q FROM WorkQueue q WHERE q.workPoolId = :pool ORDER BY q.priority", WorkQueueEntity.class)
                .setParameter("pool", pool).getResultList().stream().collect(Collectors.toMap(WorkQueueEntity::getName,
                        WorkQueueEntity::getPriority, (a, b) -> a, java.util.LinkedHashMap::new)));
    }

    /** Runs the tasks on their own threads, each bounded in time; fails on the first error. */
    static <T> List<T> runConcurrently(List<Callable<T>> tasks, int timeoutSeconds) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(threads.submit(task));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(timeoutSeconds, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            threads.shutdownNow();
            threads.awaitTermination(30, TimeUnit.SECONDS);
        }
    }
}
