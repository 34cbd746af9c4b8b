package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.Stratum;
import io.stratum.api.StratumException;
import io.stratum.api.query.ConcurrencyLimits;
import io.stratum.api.query.SlotLease;
import io.stratum.orm.model.ConcurrencyLimitV2Entity;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Concurrency limits v2 with leases, run once per dialect by the subclasses. */
abstract class ConcurrencyLimitsContract {
    /** So large that denied slots do not decay while a test runs (they decay at 1 / average occupancy per second). */
    private static final double NO_DENIED_DECAY = 1e9;

    protected TestDatabase database;
    private DatabaseInterface db;
    private ConcurrencyLimits limits;

    abstract TestDatabase newDatabase();

    @BeforeEach
    void open() {
        database = newDatabase();
        db = Stratum.open(database.settings().migrateOnStart(true).timeout(Duration.ofSeconds(30)).build());
        limits = db.queries().concurrencyLimits();
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
        database.close();
    }

    @Test
    void slotsUpToTheLimitAllOrNothingDeniedCountedAndBadCallsRefused() throws Exception {
        slotsAreTakenUpToTheLimitDeniedAttemptsCountedAndReleasedOnce();
        anAcquisitionOverSeveralLimitsTakesAllOrNothing();
        unknownLimitsAndBadArgumentsAreClearErrorsAndWriteNothing();
    }

    @Test
    void decayAndOccupancyFollowTheReference() throws Exception {
        activeSlotsDecayAsInTheReference();
        releasingFoldsTheHoldingTimeIntoTheAverageOccupancy();
    }

    private void slotsAreTakenUpToTheLimitDeniedAttemptsCountedAndReleasedOnce() throws Exception {
        limit("db", 3, 0.0, NO_DENIED_DECAY);
        SlotLease lease = acquire(List.of("db"), 2).orElseThrow();
        assertThat(lease.activeSlots()).containsEntry("db", 2);
        assertThat(lease.slots()).isEqualTo(2);
        assertThat(acquire(List.of("db"), 2)).isEmpty();
        assertThat(acquire(List.of("db"), 5)).isEmpty();
        assertThat(column("db", "active_slots")).isEqualTo(2);
        assertThat(column("db", "denied_slots")).isEqualTo(7);
        assertThat(acquire(List.of("db"), 1)).isPresent();
        assertThat(column("db", "active_slots")).isEqualTo(3);

        assertThat(release(lease.id())).isTrue();
        assertThat(release(lease.id())).isFalse();
        assertThat(column("db", "active_slots")).isEqualTo(1);
        assertThat(leaseRows()).isEqualTo(1);
    }

    private void anAcquisitionOverSeveralLimitsTakesAllOrNothing() throws Exception {
        limit("wide", 3, 0.0, NO_DENIED_DECAY);
        limit("narrow", 1, 0.0, NO_DENIED_DECAY);
        limit("off", 0, 0.0, NO_DENIED_DECAY);
        setInactive("off");
        SlotLease both = acquire(List.of("wide", "narrow", "off"), 1).orElseThrow();
        assertThat(both.activeSlots()).containsOnlyKeys("wide", "narrow");
        assertThat(acquire(List.of("wide", "narrow"), 1)).isEmpty();
        assertThat(column("wide", "active_slots")).isEqualTo(1);
        assertThat(column("narrow", "active_slots")).isEqualTo(1);
        assertThat(column("wide", "denied_slots")).isEqualTo(1);
        assertThat(column("narrow", "denied_slots")).isEqualTo(1);
        db.inTransaction(session -> limits.release(session, both.id()));
        assertThat(column("wide", "active_slots")).isZero();
        assertThat(column("narrow", "active_slots")).isZero();
    }

    private void unknownLimitsAndBadArgumentsAreClearErrorsAndWriteNothing() throws Exception {
        limit("other", 3, 0.0, NO_DENIED_DECAY);
        assertThatThrownBy(() -> acquire(List.of("other", "nope"), 1))
                .isInstanceOf(StratumException.class).hasMessageContaining("nope");
        assertThat(column("other", "active_slots")).isZero();
        assertThatThrownBy(() -> acquire(List.of("other"), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> db.inTransaction(session -> limits.acquire(session, List.of("other"), 1, Duration.ZERO)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("time to live");
        assertThatThrownBy(() -> db.sessionContext(false, false, session ->
                limits.acquire(session, List.of("other"), 1, Duration.ofMinutes(1))))
                .isInstanceOf(StratumException.class).hasMessageContaining("active transaction");
    }

    private void activeSlotsDecayAsInTheReference() throws Exception {
        limit("rate", 2, 10.0, NO_DENIED_DECAY);
        assertThat(acquire(List.of("rate"), 2)).isPresent();
        assertThat(acquire(List.of("rate"), 1)).isEmpty();
        // One second later ten slots per second have decayed: the limit has room again.
        setUpdated("rate", Instant.now().minusSeconds(1));
        SlotLease lease = acquire(List.of("rate"), 1).orElseThrow();
        assertThat(lease.activeSlots()).containsEntry("rate", 1);
    }

    private void releasingFoldsTheHoldingTimeIntoTheAverageOccupancy() throws Exception {
        limit("avg", 2, 0.0, 2.0);
        SlotLease lease = acquire(List.of("avg"), 1).orElseThrow();
        db.inTransaction(session -> limits.release(session, lease.id()));
        // avg + max(held, 0.1) / (2 × limit) − avg / (2 × limit), held just a moment: 2 + 0.1/4 − 2/4.
        assertThat(columnDouble("avg", "avg_slot_occupancy_seconds")).isCloseTo(1.525, within(0.05));
    }

    @Test
    void aCrashedHoldersLeaseExpiresAndItsSlotsComeBack() throws Exception {
        limit("db", 3, 0.0, NO_DENIED_DECAY);
        SlotLease crashed = acquire(List.of("db"), 2, Duration.ofSeconds(1)).orElseThrow();
        SlotLease renewed = acquire(List.of("db"), 1, Duration.ofSeconds(1)).orElseThrow();
        assertThat(acquire(List.of("db"), 1)).isEmpty();
        assertThat(renew(renewed.id(), Duration.ofHours(1))).isTrue();

        assertThat(expire(Instant.now())).isZero();
        assertThat(column("db", "active_slots")).isEqualTo(3);
        Instant later = crashed.expires().plusSeconds(1);
        assertThat(expire(later)).isEqualTo(2);
        assertThat(column("db", "active_slots")).isEqualTo(1);
        assertThat(expire(later)).isZero();

        // The expired lease is gone: it can neither be released (again) nor renewed.
        assertThat(release(crashed.id())).isFalse();
        assertThat(renew(crashed.id(), Duration.ofHours(1))).isFalse();
        assertThat(column("db", "active_slots")).isEqualTo(1);
        assertThat(release(renewed.id())).isTrue();
        assertThat(column("db", "active_slots")).isZero();
        assertThat(leaseRows()).isZero();
    }

    @Test
    void eightThreadsOnALimitOfThreeNeverExceedItNorGoBelowZero() throws Exception {
        limit("shared", 3, 0.0, 2.0);
        int threads = 8;
        int attemptsPerThread = 40;
        AtomicInteger holders = new AtomicInteger();
        AtomicInteger maxHolders = new AtomicInteger();
        AtomicInteger maxReported = new AtomicInteger();
        AtomicInteger granted = new AtomicInteger();
        AtomicInteger denied = new AtomicInteger();
        AtomicInteger outOfRange = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        List<Future<?>> workers = new ArrayList<>();
        long began;
        try {
            Future<?> monitor = pool.submit(() -> {
                while (running.get()) {
                    int active = db.sessionContext(false, false, session -> session.createQuery(
                            "SELECT l.activeSlots FROM ConcurrencyLimitV2 l WHERE l.name = 'shared'", Integer.class)
                            .getSingleResult());
                    if (active < 0 || active > 3) {
                        outOfRange.incrementAndGet();
                    }
                    Thread.sleep(2);
                }
                return null;
            });
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < attemptsPerThread; i++) {
                        Optional<SlotLease> lease = acquire(List.of("shared"), 1);
                        if (lease.isEmpty()) {
                            denied.incrementAndGet();
                            continue;
                        }
                        granted.incrementAndGet();
                        maxReported.accumulateAndGet(lease.get().activeSlots().get("shared"), Math::max);
                        maxHolders.accumulateAndGet(holders.incrementAndGet(), Math::max);
                        Thread.sleep(ThreadLocalRandom.current().nextInt(1, 4));
                        holders.decrementAndGet();
                        if (!db.inTransaction(session -> limits.release(session, lease.get().id()))) {
                            throw new AssertionError("lease " + lease.get().id() + " was not released");
                        }
                    }
                    return null;
                }));
            }
            began = System.nanoTime();
            start.countDown();
            for (Future<?> worker : workers) {
                worker.get(120, TimeUnit.SECONDS);
            }
            running.set(false);
            monitor.get(30, TimeUnit.SECONDS);
        } finally {
            running.set(false);
            pool.shutdownNow();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        System.out.printf("[%s] %d threads on a limit of 3: %d granted, %d denied, %.0f acquire+release/s%n",
                database.dialect().id(), threads, granted.get(), denied.get(), granted.get() / seconds);
        assertThat(granted.get() + denied.get()).isEqualTo(threads * attemptsPerThread);
        assertThat(granted.get()).isPositive();
        assertThat(denied.get()).isPositive();
        assertThat(maxHolders.get()).isBetween(1, 3);
        assertThat(maxReported.get()).isBetween(1, 3);
        assertThat(outOfRange.get()).isZero();
        assertThat(column("shared", "active_slots")).isZero();
        assertThat(leaseRows()).isZero();
    }

    private Optional<SlotLease> acquire(List<String> names, int slots) {
        return acquire(names, slots, Duration.ofMinutes(5));
    }

    private Optional<SlotLease> acquire(List<String> names, int slots, Duration ttl) {
        return db.inTransaction(session -> limits.acquire(session, names, slots, ttl));
    }

    private boolean release(java.util.UUID lease) {
        return db.inTransaction(session -> limits.release(session, lease));
    }

    private boolean renew(java.util.UUID lease, Duration ttl) {
        return db.inTransaction(session -> limits.renew(session, lease, ttl));
    }

    private int expire(Instant now) {
        return db.inTransaction(session -> limits.expireLeases(session, now));
    }

    private void limit(String name, int limit, double decay, double averageOccupancy) {
        ConcurrencyLimitV2Entity entity = new ConcurrencyLimitV2Entity();
        entity.setName(name);
        entity.setLimit(limit);
        entity.setSlotDecayPerSecond(decay);
        entity.setAvgSlotOccupancySeconds(averageOccupancy);
        db.inTransaction(session -> {
            session.persist(entity);
            return null;
        });
    }

    private void setInactive(String name) {
        db.inTransaction(session -> session.createQuery("UPDATE ConcurrencyLimitV2 l SET l.active = false WHERE l.name = :n")
                .setParameter("n", name).executeUpdate());
    }

    private void setUpdated(String name, Instant updated) {
        db.inTransaction(session -> session.createQuery("UPDATE ConcurrencyLimitV2 l SET l.updated = :u WHERE l.name = :n")
                .setParameter("u", updated).setParameter("n", name).executeUpdate());
    }

    private long column(String limit, String column) throws Exception {
        return (long) columnDouble(limit, column);
    }

    private double columnDouble(String limit, String column) throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT " + column + " FROM concurrency_limit_v2 WHERE name = '"
                     + limit + "'")) {
            assertThat(row.next()).as("limit %s exists", limit).isTrue();
            return row.getDouble(1);
        }
    }

    private long leaseRows() throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT count(*) FROM concurrency_slot_lease")) {
            row.next();
            return row.getLong(1);
        }
    }
}
