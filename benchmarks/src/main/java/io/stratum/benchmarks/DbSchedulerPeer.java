package io.stratum.benchmarks;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The peer: db-scheduler 16.12.0 on the same database and pool, its {@code scheduled_tasks} table made
 * by hand with the PostgreSQL DDL of its documentation. N one-time task instances due an hour ago,
 * seeded in one INSERT; a scheduler with 4 threads polling with lock-and-fetch, 100 executions per poll
 * (25 × 4 threads; the next poll when fewer than half a thread's worth are queued, its default); a no-op
 * task that records its instance. Timed from {@code start()} until all N ran; checked: every instance
 * ran once and the table is empty (a one-time task's row is deleted when it completes). It keeps no
 * history: no state rows, nothing left of a finished job.
 */
final class DbSchedulerPeer implements LifecycleBenchmark.Contender {
    static final int THREADS = LifecycleBenchmark.WORKERS;
    private static final String TASK = "lifecycle";
    private static final String[] DDL = {
        "CREATE TABLE scheduled_tasks (task_name TEXT NOT NULL, task_instance TEXT NOT NULL, task_data BYTEA, "
                + "execution_time TIMESTAMP WITH TIME ZONE NOT NULL, picked BOOLEAN NOT NULL, picked_by TEXT, "
                + "last_success TIMESTAMP WITH TIME ZONE, last_failure TIMESTAMP WITH TIME ZONE, "
                + "consecutive_failures INT, last_heartbeat TIMESTAMP WITH TIME ZONE, version BIGINT NOT NULL, "
                + "priority SMALLINT, PRIMARY KEY (task_name, task_instance))",
        "CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time)",
        "CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat)",
        "CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC)"};

    private final BenchDatabase database;
    private final Map<String, AtomicInteger> executed = new ConcurrentHashMap<>();
    private CountDownLatch all;
    private Scheduler scheduler;

    DbSchedulerPeer(BenchDatabase database) {
        this.database = database;
        database.execute(DDL);
    }

    @Override
    public String name() {
        return LifecycleBenchmark.DB_SCHEDULER;
    }

    @Override
    public String floor() {
        return null;
    }

    @Override
    public void prepare(int runs) {
        executed.clear();
        database.execute("TRUNCATE scheduled_tasks",
                "INSERT INTO scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, version) "
                        + "SELECT '" + TASK + "', 'run-' || n, NULL, now() - interval '1 hour', false, 1 "
                        + "FROM generate_series(1, " + runs + ") AS g(n)",
                "ANALYZE scheduled_tasks");
        CountDownLatch latch = new CountDownLatch(runs);
        all = latch;
        OneTimeTask<Void> task = Tasks.oneTime(TASK).execute((instance, context) -> {
            executed.computeIfAbsent(instance.getId(), id -> new AtomicInteger()).incrementAndGet();
            latch.countDown();
        });
        scheduler = Scheduler.create(database.dataSource(), task)
                .threads(THREADS)
                .pollUsingLockAndFetch(0.5, LifecycleBenchmark.BATCH / (double) THREADS)
                .pollingInterval(Duration.ofSeconds(1))
                .build();
    }

    @Override
    public long run() throws Exception {
        scheduler.start();
        if (!all.await(30, TimeUnit.MINUTES)) {
            throw new IllegalStateException("db-scheduler ran " + executed.size() + " jobs in 30 minutes");
        }
        return executed.size();
    }

    @Override
    public void verify(int runs) throws Exception {
        scheduler.stop();
        long twice = executed.values().stream().filter(count -> count.get() != 1).count();
        long left = LifecycleBenchmark.count(database, "SELECT count(*) FROM scheduled_tasks");
        if (executed.size() != runs || twice != 0 || left != 0) {
            throw new IllegalStateException("db-scheduler: " + executed.size() + " of " + runs + " jobs ran, " + twice
                    + " not exactly once, " + left + " rows left in scheduled_tasks");
        }
    }

    @Override
    public String signature() {
        return null;
    }
}
