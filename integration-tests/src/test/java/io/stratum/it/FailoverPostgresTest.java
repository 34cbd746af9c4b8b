package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.DatabaseSettings;
import io.stratum.api.DatabaseUnavailableException;
import io.stratum.api.SchemaStatus;
import io.stratum.api.Stratum;
import io.stratum.api.model.StateType;
import io.stratum.api.query.StateTransitions;
import io.stratum.orm.model.FlowEntity;
import io.stratum.orm.model.FlowRunEntity;
import io.stratum.orm.model.FlowRunStateEntity;
import jakarta.persistence.LockModeType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Failover: a private primary with a synchronous streaming standby ({@link PrimaryStandbyPair}), one
 * interface opened on the multi-host URL {@code jdbc:postgresql://p1,p2/db?targetServerType=primary}
 * (migrate_on_start runs through it), four threads transitioning flow runs. The primary is stopped
 * {@code -m immediate} (a crash) and the standby promoted.
 *
 * <p>Asserted: every call that failed during the switch failed with a {@link DatabaseUnavailableException}
 * naming the redacted URL and saying to retry; the same interface, never reopened, commits again within
 * 10 s of the promotion, on the promoted server; every acknowledged transition (recorded only after
 * {@code inTransactionForUpdate} returned) is on the new primary — which holds because replication is
 * synchronous: the primary acknowledged a commit only once the standby had flushed it.
 */
class FailoverPostgresTest {
    private static final String DATABASE = "stratum_failover";
    private static final String PASSWORD = "failover-secret-" + UUID.randomUUID();
    private static final int THREADS = 4;
    private static final int RUNS = 8;
    private static final List<StateType> CYCLE = List.of(StateType.SCHEDULED, StateType.PENDING, StateType.RUNNING,
            StateType.COMPLETED);

    record Ack(UUID runId, UUID stateId, long atNanos) {
    }

    record Failure(long atNanos, Throwable error) {
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void theSameInterfaceServesThePromotedStandbyAndNoAcknowledgedCommitIsLost() throws Exception {
        try (PrimaryStandbyPair pair = new PrimaryStandbyPair(true, DATABASE)) {
            try {
                failover(pair);
            } catch (Throwable e) {
                throw new AssertionError(e.getMessage() + "\n" + pair.logs(), e);
            }
        }
    }

    private void failover(PrimaryStandbyPair pair) throws Exception {
        DatabaseSettings settings = DatabaseSettings.builder().url(pair.multiHostUrl(DATABASE))
                .user(PrimaryStandbyPair.USER).password(PASSWORD).connectionTimeout(Duration.ofSeconds(3))
                .poolTimeout(Duration.ofSeconds(10)).timeout(Duration.ofSeconds(20)).poolSize(THREADS).maxOverflow(2)
                .migrateOnStart(true).build();
        try (DatabaseInterface db = Stratum.open(settings)) {
            assertThat(db.migrations().status().state()).as("migrated through the multi-host URL")
                    .isEqualTo(SchemaStatus.State.UP_TO_DATE);
            assertThat(serverPort(db)).as("the driver picked the primary").isEqualTo(pair.primaryPort());
            StateTransitions transitions = db.queries().transitions();
            List<UUID> runs = createRuns(db, transitions);

            ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService workers = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                running.add(workers.submit(() -> {
                    while (!stop.get()) {
                        UUID runId = runs.get(ThreadLocalRandom.current().nextInt(runs.size()));
                        try {
                            UUID stateId = db.inTransactionForUpdate(session -> {
                                FlowRunEntity run = session.find(FlowRunEntity.class, runId, LockModeType.PESSIMISTIC_WRITE);
                                StateType next = CYCLE.get((CYCLE.indexOf(run.getStateType()) + 1) % CYCLE.size());
                                FlowRunStateEntity state = new FlowRunStateEntity(next, name(next));
                                transitions.setFlowRunState(session, runId, state);
                                return state.getId();
                            });
                            acks.add(new Ack(runId, stateId, System.nanoTime()));
                        } catch (Throwable e) {
                            failures.add(new Failure(System.nanoTime(), e));
                            sleep(50);
                        }
                    }
                    return null;
                }));
            }
            long stopping;
            long promoting;
            long promoted;
            try {
                awaitAcks(acks, 40, Duration.ofSeconds(60), "before the primary stopped");
                stopping = System.nanoTime();
                pair.stopPrimaryImmediately();
                // Without a primary, every worker runs into the outage.
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (failures.stream().filter(f -> f.atNanos() > stopping).count() < THREADS * 2L
                        && System.nanoTime() < until) {
                    sleep(20);
                }
                sleep(500);
                promoting = System.nanoTime();
                pair.promoteStandby();
                promoted = System.nanoTime();
                int atPromotion = acks.size();
                awaitAcks(acks, atPromotion + 40, Duration.ofSeconds(30), "after the promotion");
                stop.set(true);
                for (Future<?> worker : running) {
                    worker.get(60, TimeUnit.SECONDS);
                }
            } finally {
                stop.set(true);
                workers.shutdown();
                if (!workers.awaitTermination(60, TimeUnit.SECONDS)) {
                    workers.shutdownNow();
                }
            }
            long firstAckAfterPromotion = acks.stream().mapToLong(Ack::atNanos).filter(t -> t > promoting).min()
                    .orElseThrow();
            long lastAckBeforeStop = acks.stream().mapToLong(Ack::atNanos).filter(t -> t < stopping).max().orElseThrow();
            System.out.println("[timing] failover: promote took " + ms(promoted - promoting) + " ms; first commit "
                    + ms(firstAckAfterPromotion - promoting) + " ms after the promotion began, "
                    + ms(firstAckAfterPromotion - stopping) + " ms after the stop (last before it " + ms(stopping - lastAckBeforeStop)
                    + " ms earlier); " + failures.size() + " failed calls, " + acks.size() + " acknowledged");
            List<Failure> failed = new ArrayList<>(failures);
            failed.stream().limit(6).forEach(f -> System.out.println("[failover] +" + ms(f.atNanos() - stopping) + " ms: "
                    + f.error().getClass().getSimpleName() + ": " + f.error().getMessage()));

            assertThat(failed).as("calls failed while no primary was up").isNotEmpty();
            for (Failure failure : failed) {
                assertThat(failure.error()).as("failure %s ms after the stop", ms(failure.atNanos() - stopping))
                        .isInstanceOf(DatabaseUnavailableException.class)
                        .hasMessageContaining(settings.redactedUrl())
                        .satisfies(e -> assertThat(e.getMessage().toLowerCase(Locale.ROOT)).contains("retry"))
                        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD));
                assertThat(failure.atNanos()).as("failures only once the primary was stopping").isGreaterThan(stopping);
            }
            assertThat(ms(firstAckAfterPromotion - promoting)).as("ms from the promotion to the first commit through "
                    + "the same interface").isLessThan(10_000);

            // The same interface, never reopened, now talks to the promoted standby.
            assertThat(serverPort(db)).as("sessions run on the promoted standby").isEqualTo(pair.standbyPort());
            assertThat(db.health().reachable()).isTrue();

            Set<UUID> stored = new HashSet<>();
            try (Connection promotedServer = PrimaryStandbyPair.connect(pair.standbyPort(), DATABASE);
                 Statement statement = promotedServer.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT id FROM flow_run_state")) {
                while (rows.next()) {
                    stored.add(rows.getObject(1, UUID.class));
                }
            }
            List<UUID> lost = acks.stream().map(Ack::stateId).filter(id -> !stored.contains(id)).toList();
            assertThat(lost).as("acknowledged transitions missing on the new primary (of " + acks.size() + ")").isEmpty();
        }
    }

    private static int serverPort(DatabaseInterface db) {
        return db.sessionContext(false, false, session -> ((Number) session.createNativeQuery("SELECT inet_server_port()")
                .getSingleResult()).intValue());
    }

    private static List<UUID> createRuns(DatabaseInterface db, StateTransitions transitions) {
        FlowEntity flow = new FlowEntity("failover");
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

    private static void awaitAcks(ConcurrentLinkedQueue<Ack> acks, int count, Duration within, String when) {
        long deadline = System.nanoTime() + within.toNanos();
        while (acks.size() < count && System.nanoTime() < deadline) {
            sleep(20);
        }
        assertThat(acks.size()).as("acknowledged transitions " + when + " within " + within.toSeconds() + " s")
                .isGreaterThanOrEqualTo(count);
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
}
