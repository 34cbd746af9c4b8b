package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.Stratum;
import io.stratum.api.model.StateType;
import io.stratum.api.query.LogRecord;
import io.stratum.orm.model.FlowEntity;
import io.stratum.orm.model.FlowRunEntity;
import io.stratum.orm.model.FlowRunStateEntity;
import io.stratum.orm.types.Timestamps;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SQLite promise: 8 writers and 8 readers on one file, even with a short busy timeout, and no
 * "database is locked" (or any other error) reaches a caller; every write is there afterwards.
 */
class ReadersWritersSqliteTest {
    private static final int WRITERS = 8;
    private static final int READERS = 8;
    private static final int WRITES_PER_WRITER = 150;

    private SqliteTestDatabase database;
    private DatabaseInterface db;

    @BeforeEach
    void open() {
        database = new SqliteTestDatabase();
        // A short busy timeout: without the interface's writer queue, SQLite's unfair lock hand-off lets a
        // waiting writer starve past it and "database is locked" reaches the caller.
        db = Stratum.open(database.settings().migrateOnStart(true).timeout(Duration.ofSeconds(2)).build());
    }

    @AfterEach
    void close() {
        db.close();
        database.close();
    }

    @Test
    void eightWritersAndEightReadersSeeNoLockError() throws Exception {
        FlowEntity flow = new FlowEntity("readers-writers");
        List<FlowRunEntity> runs = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            runs.add(new FlowRunEntity(flow.getId()));
        }
        db.inTransaction(session -> {
            session.persist(flow);
            runs.forEach(session::persist);
            return null;
        });
        Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong reads = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + READERS);
        List<Future<?>> writers = new ArrayList<>();
        List<Future<?>> readers = new ArrayList<>();
        try {
            for (int w = 0; w < WRITERS; w++) {
                UUID runId = runs.get(w).getId();
                writers.add(pool.submit(() -> {
                    await(start);
                    for (int i = 0; i < WRITES_PER_WRITER; i++) {
                        try {
                            StateType type = i % 2 == 0 ? StateType.RUNNING : StateType.PENDING;
                            db.inTransactionForUpdate(session -> db.queries().transitions()
                                    .setFlowRunState(session, runId, new FlowRunStateEntity(type, type.name())));
                            db.inTransaction(session -> db.queries().bulk().insertLogs(session, List.of(
                                    LogRecord.ofFlowRun(runId, "writer", 20, "step", Timestamps.now()))));
                        } catch (Throwable t) {
                            errors.add(t);
                        }
                    }
                }));
            }
            for (int r = 0; r < READERS; r++) {
                readers.add(pool.submit(() -> {
                    await(start);
                    while (writing.get()) {
                        try {
                            db.sessionContext(false, false, session -> session.createQuery(
                                    "SELECT count(s) FROM FlowRunState s", Long.class).getSingleResult());
                            db.sessionContext(true, false, session -> session.createQuery(
                                    "SELECT r FROM FlowRun r WHERE r.flowId = :flow", FlowRunEntity.class)
                                    .setParameter("flow", flow.getId()).getResultList());
                            reads.incrementAndGet();
                        } catch (Throwable t) {
                            errors.add(t);
                        }
                    }
                }));
            }
            start.countDown();
            for (Future<?> writer : writers) {
                writer.get(3, TimeUnit.MINUTES);
            }
            writing.set(false);
            for (Future<?> reader : readers) {
                reader.get(1, TimeUnit.MINUTES);
            }
        } finally {
            writing.set(false);
            pool.shutdownNow();
        }
        assertThat(errors).as("errors reaching callers").isEmpty();
        assertThat(reads.get()).isPositive();
        long states = db.sessionContext(false, false, session -> session.createQuery(
                "SELECT count(s) FROM FlowRunState s", Long.class).getSingleResult());
        long logs = db.sessionContext(false, false, session -> session.createQuery(
                "SELECT count(l) FROM Log l", Long.class).getSingleResult());
        assertThat(states).isEqualTo((long) WRITERS * WRITES_PER_WRITER);
        assertThat(logs).isEqualTo((long) WRITERS * WRITES_PER_WRITER);
        for (FlowRunEntity run : runs) {
            int runCount = db.sessionContext(false, false,
                    session -> session.find(FlowRunEntity.class, run.getId()).getRunCount());
            assertThat(runCount).isEqualTo(WRITES_PER_WRITER / 2);
        }
        System.out.println("SQLite readers/writers: " + reads.get() + " read rounds during "
                + (2 * WRITERS * WRITES_PER_WRITER) + " write transactions");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Every write transaction of every thread runs on the same connection (a SQLite connection drops its
     * page cache when another one wrote, issue 18); reads and a write transaction nested in the thread's
     * own take pooled connections.
     */
    @Test
    void writeTransactionsOfEveryThreadShareOneConnectionAndReadsUseThePool() throws Exception {
        Queue<Object> writers = new ConcurrentLinkedQueue<>();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 5; i++) {
                        writers.add(db.inTransaction(session -> physical(session)));
                        writers.add(db.inTransactionForUpdate(session -> physical(session)));
                    }
                    return null;
                }));
            }
            for (Future<?> each : done) {
                each.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(writers).hasSize(40);
        Object writer = writers.peek();
        assertThat(writers).as("the connections of the write transactions").allSatisfy(each ->
                assertThat(each).isEqualTo(writer));
        jakarta.persistence.EntityManager session = db.session();
        try {
            session.getTransaction().begin();
            assertThat(physical(session)).as("a session's own transaction").isNotEqualTo(writer);
            session.getTransaction().rollback();
        } finally {
            session.close();
        }
        Object nested = db.inTransaction(outer -> db.inTransaction(inner -> physical(inner)));
        assertThat(nested).as("a write transaction nested in the thread's own").isNotEqualTo(writer);
        assertThat(db.poolStatistics().active()).isZero();
    }

    /** The session's connection, told apart by a mark in a temporary table (each connection has its own). */
    private static Object physical(jakarta.persistence.EntityManager session) {
        try (java.sql.Statement statement = session.unwrap(java.sql.Connection.class).createStatement()) {
            statement.execute("CREATE TEMP TABLE IF NOT EXISTS connection_mark (id TEXT)");
            try (java.sql.ResultSet mark = statement.executeQuery("SELECT id FROM connection_mark")) {
                if (mark.next()) {
                    return mark.getString(1);
                }
            }
            String id = UUID.randomUUID().toString();
            statement.execute("INSERT INTO connection_mark VALUES ('" + id + "')");
            return id;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
