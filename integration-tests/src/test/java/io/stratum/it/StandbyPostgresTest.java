package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.api.ConfigurationException;
import io.stratum.api.DatabaseInterface;
import io.stratum.api.DatabaseSettings;
import io.stratum.api.Health;
import io.stratum.api.PoolStatistics;
import io.stratum.api.Stratum;
import io.stratum.orm.model.FlowEntity;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A private primary and its synchronous streaming standby ({@link PrimaryStandbyPair}), the schema
 * migrated on the primary and replayed on the standby.
 *
 * <p>Standby refusal: everything that changes the schema — upgrade (also {@code createDb} and
 * {@code migrate_on_start}), downgrade, stamp — and {@code dropDb}, pointed at the standby, fails at once
 * with a {@link ConfigurationException} saying the server is a standby in recovery, and nothing changes;
 * reading the revision still works there.
 *
 * <p>{@code read_url}: {@code inReadOnlyTransaction} runs on the standby (proved by {@code
 * pg_is_in_recovery()} and {@code inet_server_port()}), other sessions on the primary; a write in a
 * read-only session fails clearly; {@code readPoolStatistics()} and {@code health()} report the replica's pool.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StandbyPostgresTest {
    private static final String DATABASE = "stratum_standby";
    private static PrimaryStandbyPair pair;
    /** Kept strongly reachable while the test's handler is on it. */
    private final Logger rootLogger = Logger.getLogger("");

    @BeforeAll
    static void migratedPrimaryAndStandby() {
        pair = new PrimaryStandbyPair(true, DATABASE);
        try (DatabaseInterface primary = Stratum.open(settings(pair.primaryUrl(DATABASE)).migrateOnStart(true).build());
             DatabaseInterface standby = Stratum.open(settings(pair.standbyUrl(DATABASE)).build())) {
            String head = primary.migrations().current().orElseThrow();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!standby.migrations().current().equals(Optional.of(head))) {
                assertThat(System.nanoTime()).as("the standby replays the migrated schema within 30 s").isLessThan(deadline);
                sleep(100);
            }
        } catch (RuntimeException | Error e) {
            String logs = pair.logs();
            pair.close();
            throw new AssertionError(e.getMessage() + "\n" + logs, e);
        }
    }

    @AfterAll
    static void removePair() {
        if (pair != null) {
            pair.close();
        }
    }

    private static DatabaseSettings.Builder settings(String url) {
        return DatabaseSettings.builder().url(url).user(PrimaryStandbyPair.USER).password("unused-trust")
                .connectionTimeout(Duration.ofSeconds(3)).poolSize(2).maxOverflow(1).migrateOnStart(false);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void schemaChangesAndDropDbOnTheStandbyAreRefusedBeforeTheyStart() {
        String url = pair.standbyUrl(DATABASE);
        try (DatabaseInterface standby = Stratum.open(settings(url).build())) {
            String head = standby.migrations().current().orElseThrow();
            List<ThrowingCallable> refused = List.of(
                    () -> standby.migrations().upgrade("head"),
                    standby::createDb,
                    standby::runMigrationsUpgrade,
                    () -> standby.runMigrationsDowngrade("-1"),
                    () -> standby.migrations().stamp("base"),
                    standby::dropDb);
            // Refused before anything starts: no migration logs a failed revision (the SEVERE line an upgrade
            // that started on a standby wrote), nothing warns.
            List<LogRecord> logged = new CopyOnWriteArrayList<>();
            Handler handler = new Handler() {
                @Override
                public void publish(LogRecord record) {
                    if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                        logged.add(record);
                    }
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            };
            rootLogger.addHandler(handler);
            try {
                for (ThrowingCallable operation : refused) {
                    assertThatThrownBy(operation).isInstanceOf(ConfigurationException.class)
                            .hasMessageContaining("on " + url + ": the server is a read-only standby in recovery "
                                    + "(pg_is_in_recovery() is true)")
                            .hasMessageContaining("targetServerType=primary")
                            .hasMessageContaining("Nothing was started or changed.");
                }
            } finally {
                rootLogger.removeHandler(handler);
            }
            assertThat(logged).as("warnings or errors logged while refusing")
                    .extracting(record -> record.getLoggerName() + ": " + record.getMessage()).isEmpty();
            assertThat(standby.migrations().current()).as("reads still work; nothing changed").contains(head);
            assertThat(standby.verifySchema().problems()).as("every table is still there").isEmpty();
            assertThat(standby.health().ready()).isTrue();
        }
        assertThatThrownBy(() -> Stratum.open(settings(url).migrateOnStart(true).build()))
                .as("migrate_on_start").isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Cannot upgrade the schema on " + url + ": the server is a read-only standby");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void readOnlySessionsRunOnTheReadReplicaAndWritesThereFail() {
        DatabaseSettings settings = settings(pair.primaryUrl(DATABASE)).readUrl(pair.standbyUrl(DATABASE)).build();
        try (DatabaseInterface db = Stratum.open(settings)) {
            assertThat(db.readPoolStatistics()).contains(PoolStatistics.notOpen(3));
            String name = "replicated-" + System.nanoTime();
            db.inTransaction(session -> {
                session.persist(new FlowEntity(name));
                return null;
            });
            assertThat(db.sessionContext(false, false, StandbyPostgresTest::serverState))
                    .as("sessions: the primary").isEqualTo(List.of(false, pair.primaryPort()));
            assertThat(db.inReadOnlyTransaction(StandbyPostgresTest::serverState))
                    .as("read-only sessions: the standby").isEqualTo(List.of(true, pair.standbyPort()));
            // Synchronous replication flushed the commit on the standby; replay follows within moments.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (db.inReadOnlyTransaction(session -> session.createQuery("SELECT count(f) FROM Flow f WHERE f.name = :n",
                    Long.class).setParameter("n", name).getSingleResult()) == 0) {
                assertThat(System.nanoTime()).as("the replica shows the commit within 10 s").isLessThan(deadline);
                sleep(50);
            }

            assertThatThrownBy(() -> db.inReadOnlyTransaction(session -> {
                session.persist(new FlowEntity("never-written"));
                session.flush();
                return null;
            })).satisfies(e -> assertThat(messages(e)).contains("cannot execute INSERT in a read-only transaction"));

            PoolStatistics read = db.readPoolStatistics().orElseThrow();
            assertThat(read.acquired()).as("the replica's pool lent connections").isGreaterThan(0);
            assertThat(read.max()).isEqualTo(3);
            Health health = db.health();
            assertThat(health.ready()).isTrue();
            assertThat(health.readReplica()).hasValueSatisfying(replica -> {
                assertThat(replica.reachable()).isTrue();
                assertThat(replica.failure()).isEmpty();
                assertThat(replica.pool().acquired()).isGreaterThan(0);
            });
        }
    }

    @Test
    void aReadUrlOfAnotherKindOfDatabaseIsRefused() {
        assertThatThrownBy(() -> Stratum.open(settings(pair.primaryUrl(DATABASE)).readUrl("jdbc:sqlite:/tmp/x.db").build()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("STRATUM_DATABASE_READ_URL 'jdbc:sqlite:/tmp/x.db' is not a PostgreSQL URL");
    }

    private static List<Object> serverState(jakarta.persistence.EntityManager session) {
        Object[] row = (Object[]) session.createNativeQuery("SELECT pg_is_in_recovery(), inet_server_port()")
                .getSingleResult();
        return List.of(row[0], ((Number) row[1]).intValue());
    }

    private static String messages(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            text.append(t.getMessage()).append(" | ");
        }
        return text.toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
