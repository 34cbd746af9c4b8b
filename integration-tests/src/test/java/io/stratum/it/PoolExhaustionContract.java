package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.DatabaseSettings;
import io.stratum.api.PoolExhaustedException;
import io.stratum.api.Stratum;
import io.stratum.orm.model.FlowEntity;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * More sessions than the pool holds: those that get no connection wait {@code pool_timeout} and then
 * fail with a {@link PoolExhaustedException} naming the pool's size, the timeout and the settings to
 * raise; the interface works normally afterwards. A session that never gives its connection back is
 * reported on a JUL logger once it held it longer than {@code leak_timeout}. Run once per dialect.
 */
abstract class PoolExhaustionContract {
    /** Long enough that the fixed cost of failing (exception wrapping, a busy machine) stays inside 10%. */
    private static final Duration POOL_TIMEOUT = Duration.ofMillis(5000);

    /** Kept strongly reachable: JUL forgets the configuration of loggers nobody references. */
    private final Logger stratumLogger = Logger.getLogger("io.stratum");
    protected TestDatabase database;
    private DatabaseInterface db;

    abstract TestDatabase newDatabase();

    /** Whether the interface's write transactions share one connection kept beside the pool (SQLite in a file). */
    boolean writesShareAConnection() {
        return false;
    }

    @BeforeEach
    void createDatabase() {
        database = newDatabase();
    }

    @AfterEach
    void dropDatabase() {
        if (db != null) {
            db.close();
        }
        database.close();
    }

    private DatabaseInterface open(DatabaseSettings.Builder settings) {
        db = Stratum.open(settings.migrateOnStart(true).build());
        return db;
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void sessionsBeyondThePoolWaitForThePoolTimeoutThenFailNamingSizeTimeoutAndSettings() throws Exception {
        DatabaseInterface db = open(database.settings().poolSize(1).maxOverflow(1).poolTimeout(POOL_TIMEOUT));
        int max = 2;
        // Sessions that hold their connection: each in a transaction that has one (on SQLite the
        // transaction begins DEFERRED, so holding it takes no lock).
        List<EntityManager> holders = new ArrayList<>();
        try {
            for (int i = 0; i < max; i++) {
                EntityManager holder = db.session();
                holders.add(holder);
                holder.getTransaction().begin();
                assertThat(holder.unwrap(Connection.class)).isNotNull();
            }
            // Six at once (issue 13: six PostgreSQL callers failed after twice pool_timeout): reads, writes and
            // for-update transactions, each of which must fail at pool_timeout, not a multiple of it. Where write
            // transactions share a connection of their own (SQLite), only the reads wait for the pool: the
            // writes go through, without waiting.
            List<Callable<Object>> work = new ArrayList<>();
            List<Callable<Object>> writes = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                work.add(() -> db.sessionContext(false, false, session -> session.createQuery("SELECT count(f) FROM Flow f",
                        Long.class).getSingleResult()));
                (writesShareAConnection() ? writes : work).add(() -> db.inTransaction(session -> {
                    session.persist(new FlowEntity("written-beside-the-pool-" + java.util.UUID.randomUUID()));
                    return null;
                }));
                (writesShareAConnection() ? writes : work).add(() -> db.inTransactionForUpdate(session ->
                        session.createQuery("SELECT count(f) FROM Flow f", Long.class).getSingleResult()));
            }
            for (Callable<Object> write : writes) {
                long begun = System.nanoTime();
                write.call();
                assertThat((System.nanoTime() - begun) / 1_000_000).as("a write transaction beside the full pool")
                        .isLessThan(POOL_TIMEOUT.toMillis() / 2);
            }
            ExecutorService threads = Executors.newFixedThreadPool(work.size());
            List<Future<Throwable>> waiters = new ArrayList<>();
            List<Long> failedAfterMillis = new java.util.concurrent.CopyOnWriteArrayList<>();
            try {
                for (Callable<Object> call : work) {
                    waiters.add(threads.submit(() -> {
                        long begun = System.nanoTime();
                        try {
                            call.call();
                            return null;
                        } catch (Throwable e) {
                            failedAfterMillis.add((System.nanoTime() - begun) / 1_000_000);
                            return e;
                        }
                    }));
                }
                for (Future<Throwable> waiter : waiters) {
                    Throwable failure = waiter.get(60, TimeUnit.SECONDS);
                    assertThat(failure).as("a session beyond the pool fails").isNotNull()
                            .isInstanceOf(PoolExhaustedException.class)
                            .hasMessageContaining(database.settings().build().redactedUrl())
                            .hasMessageContaining("all 2 connections are in use")
                            .hasMessageContaining("pool_size 1 + max_overflow 1")
                            .hasMessageContaining("pool_timeout 5.0 s")
                            .hasMessageContaining("STRATUM_DATABASE_POOL_SIZE")
                            .hasMessageContaining("STRATUM_DATABASE_MAX_OVERFLOW")
                            .hasMessageContaining("STRATUM_DATABASE_POOL_TIMEOUT")
                            .hasMessageContaining("Retry");
                    assertThat(((PoolExhaustedException) failure).maxConnections()).isEqualTo(max);
                }
            } finally {
                threads.shutdownNow();
            }
            assertThat(failedAfterMillis).hasSize(work.size());
            for (long millis : failedAfterMillis) {
                assertThat(millis).as("each waiter fails at pool_timeout ± 10%, not a multiple of it: " + failedAfterMillis)
                        .isBetween(POOL_TIMEOUT.toMillis() * 9 / 10, POOL_TIMEOUT.toMillis() * 11 / 10);
            }
        } finally {
            for (EntityManager holder : holders) {
                if (holder.getTransaction().isActive()) {
                    holder.getTransaction().rollback();
                }
                holder.close();
            }
        }

        // Nothing is broken: once the holders are closed the pool serves the next sessions (an exhausted
        // pool would fail them), and the refused write left nothing behind.
        db.inTransaction(session -> {
            session.persist(new FlowEntity("after"));
            return null;
        });
        long flows = db.sessionContext(false, false,
                session -> session.createQuery("SELECT count(f) FROM Flow f", Long.class).getSingleResult());
        // The writes beside the pool (SQLite) wrote a flow each, the refused ones nothing.
        assertThat(flows).isEqualTo(writesShareAConnection() ? 3 : 1);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aSessionThatNeverClosesIsReportedAsALeakOnTheLog() throws Exception {
        List<LogRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(Level.ALL);
        stratumLogger.addHandler(capture);
        EntityManager leaked = null;
        try {
            DatabaseInterface db = open(database.settings().leakTimeout(Duration.ofMillis(500)));
            assertThat(db.settings().leakTimeout()).isEqualTo(Duration.ofMillis(500));
            // The leak: a session whose transaction holds a connection, never ended, never closed.
            leaked = db.session();
            leaked.getTransaction().begin();
            leaked.unwrap(Connection.class);
            String thread = Thread.currentThread().getName();

            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            LogRecord report = null;
            while (report == null && System.nanoTime() < deadline) {
                report = records.stream().filter(r -> String.valueOf(r.getMessage()).contains("leak")).findFirst()
                        .orElse(null);
                Thread.sleep(50);
            }
            assertThat(report).as("a leak report on a logger under io.stratum within 20 s").isNotNull();
            assertThat(report.getLevel()).isEqualTo(Level.WARNING);
            assertThat(report.getMessage())
                    .contains("Connection leak", database.settings().build().redactedUrl(), "thread '" + thread + "'",
                            "leak_timeout 0.5 s", "STRATUM_DATABASE_LEAK_TIMEOUT", "not closed");
            assertThat(report.getThrown()).as("the holding thread's stack").isNotNull();
            assertThat(report.getThrown().getStackTrace()).isNotEmpty();
        } finally {
            stratumLogger.removeHandler(capture);
            if (leaked != null) {
                if (leaked.getTransaction().isActive()) {
                    leaked.getTransaction().rollback();
                }
                leaked.close();
            }
        }
    }

    @Test
    void leakReportsAreOffByDefault() {
        assertThat(database.settings().build().leakTimeout()).isZero();
    }
}
