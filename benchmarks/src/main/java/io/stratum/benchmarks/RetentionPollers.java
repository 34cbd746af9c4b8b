package io.stratum.benchmarks;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.model.FlowRunState;
import io.stratum.api.model.StateType;
import io.stratum.api.query.ProposedState;
import io.stratum.api.query.TransitionOutcome;
import io.stratum.api.query.WorkerPollRequest;
import io.stratum.orm.model.FlowRunStateEntity;
import io.stratum.orm.types.StateDetails;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The load beside a clean: {@value #POLLERS} workers, each claiming up to {@value #CLAIM_SIZE} runs
 * ({@code polling().claim}), then moving them through RUNNING and COMPLETED back to SCHEDULED with bulk
 * transitions ({@code setFlowRunStates}), pausing {@value #PAUSE_MS} ms between polls as a worker does.
 * Every claim's latency (the whole {@code inTransactionForUpdate}, waits for a connection or the write
 * turn included) goes into the current window. Checked: no run held by two workers at once, and every
 * claim of a run left exactly one Pending state.
 */
final class RetentionPollers implements AutoCloseable {
    static final int POLLERS = 4;
    static final int CLAIM_SIZE = 50;
    static final int POOL_PER_POLLER = 200;
    static final long PAUSE_MS = 20;

    private final DatabaseInterface db;
    private final WorkerPollRequest request = WorkerPollRequest.builder().limit(CLAIM_SIZE).build();
    private final Set<UUID> held = ConcurrentHashMap.newKeySet();
    private final Map<UUID, AtomicLong> claimsPerRun = new ConcurrentHashMap<>();
    private final AtomicLong doubleClaims = new AtomicLong();
    private final AtomicReference<Window> window = new AtomicReference<>(new Window());
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopping;

    private final Map<UUID, Long> pendingBefore;

    private RetentionPollers(DatabaseInterface db, Map<UUID, Long> pendingBefore) {
        this.db = db;
        this.pendingBefore = pendingBefore;
    }

    static RetentionPollers start(BenchDatabase database) throws Exception {
        RetentionPollers pollers = new RetentionPollers(database.db(), pendingStates(database));
        for (int i = 0; i < POLLERS; i++) {
            Thread thread = new Thread(pollers::poll, "retention-poller-" + i);
            thread.setDaemon(true);
            pollers.threads.add(thread);
            thread.start();
        }
        return pollers;
    }

    /** Claim latencies percentiles of one window. */
    record Latencies(int claims, double p50Millis, double p99Millis, double maxMillis) {
        static Latencies of(long[] nanos) {
            if (nanos.length == 0) {
                return new Latencies(0, Double.NaN, Double.NaN, Double.NaN);
            }
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return new Latencies(sorted.length, at(sorted, 0.50), at(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
        }

        private static double at(long[] sorted, double quantile) {
            int index = (int) Math.ceil(quantile * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
        }
    }

    /** Closes the current window (its latencies) and opens the next. */
    Latencies window() {
        rethrow();
        return window.getAndSet(new Window()).latencies();
    }

    long claims() {
        return claimsPerRun.values().stream().mapToLong(AtomicLong::get).sum();
    }

    private void poll() {
        try {
            while (!stopping) {
                long started = System.nanoTime();
                List<UUID> ids = db.inTransactionForUpdate(session -> db.queries().polling().claim(session, request))
                        .stream().map(run -> run.flowRun().getId()).toList();
                window.get().add(System.nanoTime() - started);
                for (UUID id : ids) {
                    if (!held.add(id)) {
                        doubleClaims.incrementAndGet();
                    }
                    claimsPerRun.computeIfAbsent(id, key -> new AtomicLong()).incrementAndGet();
                }
                if (!ids.isEmpty()) {
                    transition(ids, StateType.RUNNING);
                    transition(ids, StateType.COMPLETED);
                    ids.forEach(held::remove);
                    transition(ids, StateType.SCHEDULED);
                }
                Thread.sleep(PAUSE_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
        }
    }

    private void transition(List<UUID> runs, StateType type) {
        Instant now = Instant.now();
        List<ProposedState<FlowRunState>> batch = new ArrayList<>(runs.size());
        for (UUID run : runs) {
            FlowRunStateEntity state = new FlowRunStateEntity(type, TransitionBenchmark.name(type));
            state.setTimestamp(now);
            if (type == StateType.SCHEDULED) {
                state.setStateDetails(StateDetails.empty().withScheduledTime(now));
            }
            batch.add(ProposedState.of(run, state));
        }
        for (TransitionOutcome outcome : db.inTransactionForUpdate(session ->
                db.queries().transitions().setFlowRunStates(session, batch))) {
            if (!(outcome instanceof TransitionOutcome.Applied)) {
                throw new IllegalStateException("A poller's transition to " + type + " was not applied: " + outcome);
            }
        }
    }

    /** Stops the pollers after their current cycle. */
    void stop() throws InterruptedException {
        stopping = true;
        for (Thread thread : threads) {
            thread.join(60_000);
        }
        rethrow();
    }

    /** Every claim exactly once: never two holders, and one Pending state per claim of each run. */
    void verify(BenchDatabase database) throws Exception {
        if (doubleClaims.get() != 0) {
            throw new IllegalStateException(doubleClaims.get() + " claims took a run another poller held");
        }
        Map<UUID, Long> pending = new HashMap<>();
        pendingStates(database).forEach((run, count) -> {
            long added = count - pendingBefore.getOrDefault(run, 0L);
            if (added != 0) {
                pending.put(run, added);
            }
        });
        Map<UUID, Long> claimed = new HashMap<>();
        claimsPerRun.forEach((run, count) -> claimed.put(run, count.get()));
        if (!pending.equals(claimed)) {
            throw new IllegalStateException("Pending states per run do not match the claims: " + claimed.size()
                    + " runs claimed " + claims() + " times, " + pending.size() + " runs with "
                    + pending.values().stream().mapToLong(Long::longValue).sum() + " Pending states");
        }
        if (claims() == 0) {
            throw new IllegalStateException("The pollers claimed nothing");
        }
    }

    /** Pending states per run of the pool (the old history's runs are not the pollers'). */
    private static Map<UUID, Long> pendingStates(BenchDatabase database) throws Exception {
        Map<UUID, Long> pending = new HashMap<>();
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT s.flow_run_id, count(*) FROM flow_run_state s "
                     + "JOIN flow_run r ON r.id = s.flow_run_id WHERE s.type = 'PENDING' AND r.name LIKE 'scheduled-%' "
                     + "GROUP BY s.flow_run_id")) {
            while (row.next()) {
                pending.put(database.values().readUuid(row, 1), row.getLong(2));
            }
        }
        return pending;
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        for (Thread thread : threads) {
            thread.join(60_000);
        }
    }

    private void rethrow() {
        Throwable e = failure.get();
        if (e != null) {
            throw new IllegalStateException("A poller failed: " + e, e);
        }
    }

    /** Latencies of the claims that ended in one window. */
    private static final class Window {
        private long[] nanos = new long[1024];
        private int size;

        synchronized void add(long latency) {
            if (size == nanos.length) {
                nanos = Arrays.copyOf(nanos, size * 2);
            }
            nanos[size++] = latency;
        }

        synchronized Latencies latencies() {
            return Latencies.of(Arrays.copyOf(nanos, size));
        }
    }
}
