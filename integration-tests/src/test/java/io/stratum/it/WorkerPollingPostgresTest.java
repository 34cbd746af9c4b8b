package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratum.api.query.ScheduledFlowRun;
import io.stratum.api.query.WorkerPollRequest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class WorkerPollingPostgresTest extends WorkerPollingContract {

    @Override
    TestDatabase newDatabase() {
        return new PostgresTestDatabase();
    }

    @Override
    UnaryOperator<Object> toJdbc() {
        return value -> value instanceof Instant ? ((Instant) value).atOffset(ZoneOffset.UTC) : value;
    }

    /**
     * The reference's test_concurrent_reads: while one transaction holds the runs its poll returned,
     * another poll skips them ({@code FOR UPDATE SKIP LOCKED}). The first poll locks only what its limits
     * can return, so with a queue limit of 2 the second transaction gets the other 27. Legacy queue
     * polling skips held runs the same way.
     */
    @Test
    void concurrentPollsSkipTheRunsAnotherTransactionHolds() throws Exception {
        assertThat(pollWhileAnotherHolds(WorkerPollRequest.builder().limit(35).build())).containsExactly(35, 0);
        assertThat(pollWhileAnotherHolds(WorkerPollRequest.builder().queueLimit(2).build())).containsExactly(18, 27);

        // The reference's test_query_skips_locked, for legacy queue polling.
        update(session -> {
            session.persist(WorkerPollingFixture.queue(pool("A"), "legacy", 20));
            for (int i = 0; i < 3; i++) {
                legacyRun(session, "legacy", fixture.base.plusSeconds(i));
            }
        });
        assertThat(whileAnotherHolds(session -> polling.scheduledFlowRunsFromWorkQueues(session, null, null, null),
                () -> legacyPoll(null, null, null))).containsExactly(3, 0);
    }

    private List<Integer> pollWhileAnotherHolds(WorkerPollRequest first) throws Exception {
        return whileAnotherHolds(session -> polling.scheduledFlowRuns(session, first),
                () -> poll(WorkerPollRequest.all()));
    }

    private List<Integer> whileAnotherHolds(java.util.function.Function<jakarta.persistence.EntityManager,
            List<ScheduledFlowRun>> first, java.util.function.Supplier<List<ScheduledFlowRun>> second) throws Exception {
        CountDownLatch firstPolled = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> holder = thread.submit(() -> db.inTransaction(session -> {
                int size = first.apply(session).size();
                firstPolled.countDown();
                assertThat(secondDone.await(30, TimeUnit.SECONDS)).isTrue();
                return size;
            }));
            assertThat(firstPolled.await(30, TimeUnit.SECONDS)).isTrue();
            int secondSize = second.get().size();
            secondDone.countDown();
            return List.of(holder.get(30, TimeUnit.SECONDS), secondSize);
        } finally {
            secondDone.countDown();
            thread.shutdownNow();
            thread.awaitTermination(30, TimeUnit.SECONDS);
        }
    }
}
