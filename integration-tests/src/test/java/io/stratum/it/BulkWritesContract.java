package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.Stratum;
import io.stratum.api.StratumException;
import io.stratum.api.query.BulkWrites;
import io.stratum.api.query.EventRecord;
import io.stratum.api.query.LogRecord;
import io.stratum.orm.model.EventEntity;
import io.stratum.orm.model.EventResourceEntity;
import io.stratum.orm.model.LogEntity;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Logs and events in bulk (reference §4.12, §4.34–4.35), run once per dialect. */
abstract class BulkWritesContract {
    private static final int LOG_COLUMNS = 9;

    protected TestDatabase database;
    protected DatabaseInterface db;
    protected BulkWrites bulk;
    private final Instant base = Instant.parse("2026-03-04T05:06:07.123456Z");

    abstract TestDatabase newDatabase();

    /**
     * Makes the database refuse every {@code event_resources} row whose resource_id is
     * {@value #REFUSED_RESOURCE}, so an event batch fails after its events are inserted.
     */
    abstract void refuseResource(java.sql.Statement statement) throws java.sql.SQLException;

    static final String REFUSED_RESOURCE = "prefect.flow-run.refused";

    @BeforeEach
    void open() {
        database = newDatabase();
        // echo: the statements the bulk writes send are logged, so the test can count them.
        db = Stratum.open(database.settings().migrateOnStart(true).echo(true).build());
        bulk = db.queries().bulk();
    }

    @AfterEach
    void close() {
        db.close();
        database.close();
    }

    LogRecord log(int i) {
        return new LogRecord("logger." + i, 10 + i % 5 * 10, i % 3 == 0 ? null : UUID.nameUUIDFromBytes(("f" + i).getBytes()),
                i % 7 == 0 ? UUID.nameUUIDFromBytes(("t" + i).getBytes()) : null,
                "message " + i + " ✓ 'quoted'" + (i % 2 == 1 ? "\ttab, \\N backslash, \r\nnew line, \"" : ""),
                base.plus(i, ChronoUnit.MICROS).plusNanos(999));
    }

    long count(String entity) {
        return db.sessionContext(false, false, session -> session.createQuery("SELECT COUNT(e) FROM " + entity + " e",
                Long.class).getSingleResult());
    }

    @Test
    void tenThousandLogsLandInOneStatementWithEveryCharacterKept() {
        int max = db.dialect().maxQueryParameters();
        int perStatement = bulk.logsPerStatement();
        boolean batched = Dialects.SQLITE.equals(db.dialect());
        if (batched) {
            // Embedded: one prepared single-row INSERT run as a JDBC batch (BulkWriteSql.RowStatements).
            assertThat(perStatement).isEqualTo(1);
        } else {
            // A server: one COPY carries the whole call.
            assertThat(perStatement).isEqualTo(BulkWrites.MAX_RECORDS);
        }

        List<LogRecord> logs = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            logs.add(log(i));
        }
        List<String> statements;
        long started = System.nanoTime();
        try (SqlCapture capture = new SqlCapture()) {
            assertThat((int) db.inTransaction(session -> bulk.insertLogs(session, logs))).isEqualTo(10_000);
            statements = capture.statements(batched ? "INSERT INTO log " : "COPY log ");
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("[throughput] %s: 10,000 logs in %d statements, %.2f s = %.0f logs/s%n", db.dialect().id(),
                statements.size(), seconds, 10_000 / seconds);

        assertThat(statements).hasSize(1);
        assertThat(statements).allSatisfy(sql ->
                assertThat(sql.chars().filter(c -> c == '?').count()).isLessThanOrEqualTo(max));
        assertThat(count("Log")).isEqualTo(10_000);
        db.sessionContext(false, false, session -> {
            for (int i : new int[] {0, 1, 4321, 7777, 9999}) {
                LogRecord expected = log(i);
                LogEntity stored = session.createQuery("SELECT l FROM Log l WHERE l.name = :name", LogEntity.class)
                        .setParameter("name", expected.name()).getSingleResult();
                assertThat(stored.getLevel()).isEqualTo((short) expected.level());
                assertThat(stored.getFlowRunId()).isEqualTo(expected.flowRunId());
                assertThat(stored.getTaskRunId()).isEqualTo(expected.taskRunId());
                assertThat(stored.getMessage()).isEqualTo(expected.message());
                assertThat(stored.getTimestamp()).isEqualTo(expected.timestamp().truncatedTo(ChronoUnit.MICROS));
                assertThat(stored.getCreated()).isNotNull();
            }
            return null;
        });
    }

    @Test
    void nulCharactersAreStrippedFromLogNamesAndMessagesSoTheBatchSurvives() {
        List<LogRecord> logs = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            logs.add(log(i));
        }
        logs.set(250, LogRecord.ofFlowRun(null, "nul\u0000logger", 20, "a\u0000b\u0000\u0000c", base));
        int written = db.inTransaction(session -> bulk.insertLogs(session, logs));
        assertThat(written).isEqualTo(500);
        assertThat(count("Log")).isEqualTo(500);
        List<LogEntity> stored = db.sessionContext(false, false, session -> session
                .createQuery("SELECT l FROM Log l WHERE l.name = 'nullogger'", LogEntity.class).getResultList());
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).getMessage()).isEqualTo("abc");
    }

    @Test
    void aBadLogRefusesTheWholeCallBeforeAnythingIsWritten() {
        List<LogRecord> logs = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            logs.add(log(i));
        }
        logs.set(1_500, new LogRecord("logger", 20, null, null, null, base));
        assertThatThrownBy(() -> db.inTransaction(session -> bulk.insertLogs(session, logs)))
                .isInstanceOf(StratumException.class).hasMessageContaining("logs[1500] has no message")
                .hasMessageContaining("Nothing was written");
        logs.set(1_500, new LogRecord("logger", 40_000, null, null, "m", base));
        assertThatThrownBy(() -> db.inTransaction(session -> bulk.insertLogs(session, logs)))
                .isInstanceOf(StratumException.class).hasMessageContaining("logs[1500] has level 40000");
        logs.set(1_500, null);
        assertThatThrownBy(() -> db.inTransaction(session -> bulk.insertLogs(session, logs)))
                .isInstanceOf(StratumException.class).hasMessageContaining("logs[1500] is null");
        assertThat(count("Log")).isZero();
        assertThat((int) db.inTransaction(session -> bulk.insertLogs(session, List.of()))).isZero();
        assertThatThrownBy(() -> db.sessionContext(false, false, session -> bulk.insertLogs(session, List.of(log(1)))))
                .isInstanceOf(StratumException.class).hasMessageContaining("active transaction");
    }

    EventRecord event(UUID id, String name, int related) {
        List<Map<String, String>> relatedResources = new ArrayList<>();
        for (int r = 0; r < related; r++) {
            relatedResources.add(Map.of(EventRecord.RESOURCE_ID, "prefect.tag." + name + "." + r,
                    EventRecord.RESOURCE_ROLE, "tag", "prefect.resource.name", "tag " + r));
        }
        return new EventRecord(id, base.plusSeconds(related), name,
                Map.of(EventRecord.RESOURCE_ID, "prefect.flow-run." + name, "prefect.resource.name", name),
                relatedResources, Map.of("validated", true, "n", related), base.plusSeconds(60), null);
    }

    @Test
    void eventsSkipStoredAndRepeatedIdsAndOnlyNewEventsGetResources() {
        List<EventRecord> first = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            first.add(event(UUID.randomUUID(), "first-" + i, i % 3));
        }
        assertThat((int) db.inTransaction(session -> bulk.insertEvents(session, first))).isEqualTo(5);
        long resourcesAfterFirst = count("EventResource");
        assertThat(resourcesAfterFirst).isEqualTo(5 + 0 + 1 + 2 + 0 + 1);

        UUID repeated = UUID.randomUUID();
        EventRecord fresh = event(UUID.randomUUID(), "fresh", 2);
        List<EventRecord> second = List.of(first.get(2), event(repeated, "repeated", 1), fresh,
                event(repeated, "repeated-again", 3), first.get(4));
        assertThat((int) db.inTransaction(session -> bulk.insertEvents(session, second))).isEqualTo(2);
        assertThat(count("Event")).isEqualTo(7);
        assertThat(count("EventResource")).isEqualTo(resourcesAfterFirst + 2 + 3);

        db.sessionContext(false, false, session -> {
            EventEntity stored = session.find(EventEntity.class, repeated);
            assertThat(stored.getEvent()).isEqualTo("repeated");
            assertThat(stored.getResourceId()).isEqualTo("prefect.flow-run.repeated");
            assertThat(stored.getRelatedResourceIds()).containsExactly("prefect.tag.repeated.0");
            assertThat(stored.getRecorded()).isNotNull();
            assertThat(stored.getReceived()).isEqualTo(base.plusSeconds(60));
            assertThat(stored.getPayload()).containsEntry("validated", true);
            List<EventResourceEntity> resources = session.createQuery(
                    "SELECT r FROM EventResource r WHERE r.eventId = :event ORDER BY r.resourceRole", EventResourceEntity.class)
                    .setParameter("event", fresh.id()).getResultList();
            assertThat(resources).extracting(EventResourceEntity::getResourceRole).containsExactly("", "tag", "tag");
            assertThat(resources.get(0).getResourceId()).isEqualTo("prefect.flow-run.fresh");
            assertThat(resources.get(0).getResource()).isEqualTo(Map.of("prefect.resource.name", "fresh"));
            assertThat(resources.subList(1, 3)).extracting(EventResourceEntity::getResourceId)
                    .containsExactlyInAnyOrder("prefect.tag.fresh.0", "prefect.tag.fresh.1");
            assertThat(resources.get(1).getResource()).doesNotContainKeys(EventRecord.RESOURCE_ID, EventRecord.RESOURCE_ROLE);
            assertThat(resources).allSatisfy(r -> assertThat(r.getOccurred()).isEqualTo(fresh.occurred()));
            return null;
        });
    }

    @Test
    void thousandsOfEventsAreSplitUnderTheLimitAndRewritingThemAddsNothing() {
        List<EventRecord> events = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            events.add(event(UUID.randomUUID(), "bulk-" + i, 3));
        }
        long started = System.nanoTime();
        int inserted;
        List<String> statements;
        try (SqlCapture capture = new SqlCapture()) {
            inserted = (int) db.inTransaction(session -> bulk.insertEvents(session, events.subList(0, 2_000)));
            statements = new ArrayList<>(capture.statements("INSERT INTO event"));
            statements.addAll(capture.statements("COPY event_resources "));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("[throughput] %s: 2,000 events with 8,000 resources in %d statements, %.2f s = %.0f events/s%n",
                db.dialect().id(), statements.size(), seconds, 2_000 / seconds);
        assertThat(inserted).isEqualTo(2_000);
        int max = db.dialect().maxQueryParameters();
        assertThat(statements).allSatisfy(sql ->
                assertThat(sql.chars().filter(c -> c == '?').count()).isLessThanOrEqualTo(max));
        assertThat(statements.size()).isGreaterThan(1);

        // Half stored already: only the other half, and only its resources, are written.
        assertThat((int) db.inTransaction(session -> bulk.insertEvents(session, events.subList(1_000, 3_000)))).isEqualTo(1_000);
        assertThat(count("Event")).isEqualTo(3_000);
        assertThat(count("EventResource")).isEqualTo(3_000 * 4);
        assertThat((int) db.inTransaction(session -> bulk.insertEvents(session, events))).isZero();
        assertThat(count("EventResource")).isEqualTo(3_000 * 4);
        Map<String, Long> perRole = db.sessionContext(false, false, session -> session.createQuery(
                "SELECT r.resourceRole, COUNT(r) FROM EventResource r GROUP BY r.resourceRole", Object[].class)
                .getResultList().stream().collect(Collectors.toMap(row -> (String) row[0], row -> (Long) row[1])));
        assertThat(perRole).containsEntry("", 3_000L).containsEntry("tag", 9_000L);
    }

    @Test
    void aBadEventRefusesTheWholeCall() {
        List<EventRecord> events = new ArrayList<>(List.of(event(UUID.randomUUID(), "good", 1)));
        Map<String, String> noId = new HashMap<>(Map.of("prefect.resource.name", "x"));
        events.add(new EventRecord(UUID.randomUUID(), base, "bad", noId, null, null, null, null));
        assertThatThrownBy(() -> db.inTransaction(session -> bulk.insertEvents(session, events)))
                .isInstanceOf(StratumException.class)
                .hasMessageContaining("events[1].resource has no prefect.resource.id label");
        events.set(1, new EventRecord(UUID.randomUUID(), base, "bad", Map.of(EventRecord.RESOURCE_ID, "r"),
                List.of(Map.of(EventRecord.RESOURCE_ID, "related")), null, null, null));
        assertThatThrownBy(() -> db.inTransaction(session -> bulk.insertEvents(session, events)))
                .isInstanceOf(StratumException.class)
                .hasMessageContaining("events[1].related[0] has no prefect.resource.role label");
        events.set(1, new EventRecord(null, base, "bad", Map.of(EventRecord.RESOURCE_ID, "r"), null, null, null, null));
        assertThatThrownBy(() -> db.inTransaction(session -> bulk.insertEvents(session, events)))
                .isInstanceOf(StratumException.class).hasMessageContaining("events[1] has no id");
        assertThat(count("Event")).isZero();
        assertThat(count("EventResource")).isZero();
    }

    /**
     * A failed statement does not abort a SQLite transaction: without the rollback-only mark, a caller
     * that catches the error and returns would commit the events without their resources.
     */
    @Test
    void aCaughtFailureAfterTheEventsInsertCommitsNothingOfTheBatch() throws Exception {
        try (java.sql.Connection connection = database.connect(); java.sql.Statement statement = connection.createStatement()) {
            refuseResource(statement);
        }
        List<EventRecord> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(event(UUID.randomUUID(), "batch-" + i, 2));
        }
        events.add(event(UUID.randomUUID(), "refused", 1));
        List<Throwable> caught = new ArrayList<>();
        assertThatThrownBy(() -> db.inTransaction(session -> {
            session.persist(new io.stratum.orm.model.FlowEntity("callers-own-work"));
            try {
                bulk.insertEvents(session, events);
            } catch (StratumException e) {
                caught.add(e);
            }
            return null;
        })).isInstanceOf(StratumException.class)
                .hasMessageContaining("rolled back, not committed")
                .hasMessageContaining("Nothing of the transaction was stored");
        assertThat(caught).singleElement().satisfies(e -> assertThat(e.getMessage()).contains("Inserting events failed"));
        assertThat(count("Event")).isZero();
        assertThat(count("EventResource")).isZero();
        assertThat(count("Flow")).as("the caller's own work in the transaction").isZero();

        // Without the refused event everything is stored.
        events.remove(events.size() - 1);
        assertThat((int) db.inTransaction(session -> bulk.insertEvents(session, events))).isEqualTo(5);
        assertThat(count("EventResource")).isEqualTo(5 * 3);
    }

    /** Collects the SQL EclipseLink's session log receives while open (the interface runs with echo on). */
    static final class SqlCapture extends Handler implements AutoCloseable {
        private final Logger logger = Logger.getLogger("org.eclipse.persistence");
        private final List<String> messages = new ArrayList<>();

        SqlCapture() {
            setLevel(Level.ALL);
            logger.addHandler(this);
        }

        List<String> statements(String prefix) {
            synchronized (messages) {
                return messages.stream().filter(m -> m.startsWith(prefix)).toList();
            }
        }

        @Override
        public void publish(java.util.logging.LogRecord record) {
            synchronized (messages) {
                messages.add(String.valueOf(record.getMessage()).trim());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
        }
    }
}
