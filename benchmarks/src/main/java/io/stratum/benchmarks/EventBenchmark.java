package io.stratum.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratum.api.Dialect;
import io.stratum.api.query.BulkWrites;
import io.stratum.api.query.EventRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Benchmark 4: events with a primary and three related resources, in calls of {@link #CALL_SIZE}, one
 * transaction per call; one input in eleven repeats an earlier event (in the same call or an earlier
 * one) and must be skipped with its resources. Stratum's bulk path against a hand-written JDBC batch of
 * {@code INSERT … ON CONFLICT (id) DO NOTHING} whose update counts say which events were new.
 */
final class EventBenchmark {
    static final int CALL_SIZE = 500;
    private static final String INSERT_EVENT = "INSERT INTO events (id, created, updated, occurred, event, resource_id, "
            + "resource, related_resource_ids, related, payload, received, recorded, follows) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING";
    private static final String INSERT_RESOURCE = "INSERT INTO event_resources (id, created, updated, occurred, "
            + "resource_id, resource_role, resource, event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventBenchmark() {
    }

    static Comparison measure(Dialect dialect, int uniqueEvents, int rounds) throws Exception {
        try (BenchDatabase database = BenchDatabase.create(dialect, 2)) {
            List<EventRecord> events = events(uniqueEvents);
            List<EventRecord> warmUp = events(Math.max(CALL_SIZE, uniqueEvents / 10));
            BulkWrites bulk = database.db().queries().bulk();
            return Comparison.measure("Event ingestion", dialect.id(),
                    String.format("%,d events (+%,d repeats), 3 related resources each", uniqueEvents,
                            events.size() - uniqueEvents),
                    "events/s", 0.8, rounds,
                    ingest(database, events, uniqueEvents,
                            slice -> database.db().inTransaction(session -> bulk.insertEvents(session, slice))),
                    ingest(database, events, uniqueEvents, slice -> jdbcBatch(database, slice)),
                    ingest(database, warmUp, Math.max(CALL_SIZE, uniqueEvents / 10),
                            slice -> database.db().inTransaction(session -> bulk.insertEvents(session, slice))),
                    ingest(database, warmUp, Math.max(CALL_SIZE, uniqueEvents / 10), slice -> jdbcBatch(database, slice)));
        }
    }

    /** {@code unique} events, and after every tenth one a repeat of a recent one. */
    static List<EventRecord> events(int unique) {
        Random random = new Random(42);
        Instant start = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<EventRecord> events = new ArrayList<>();
        for (int i = 0; i < unique; i++) {
            UUID run = UUID.randomUUID();
            Map<String, String> resource = Map.of(EventRecord.RESOURCE_ID, "prefect.flow-run." + run,
                    "prefect.resource.name", "run-" + i);
            List<Map<String, String>> related = List.of(
                    Map.of(EventRecord.RESOURCE_ID, "prefect.flow." + (i % 50), EventRecord.RESOURCE_ROLE, "flow"),
                    Map.of(EventRecord.RESOURCE_ID, "prefect.deployment." + (i % 20), EventRecord.RESOURCE_ROLE, "deployment"),
                    Map.of(EventRecord.RESOURCE_ID, "prefect.work-pool." + (i % 5), EventRecord.RESOURCE_ROLE, "work-pool"));
            events.add(new EventRecord(UUID.randomUUID(), start.plusMillis(i), "prefect.flow-run.Completed", resource,
                    related, Map.of("intended", Map.of("from", "RUNNING", "to", "COMPLETED")), null, null));
            if (i % 10 == 9) {
                events.add(events.get(events.size() - 1 - random.nextInt(Math.min(events.size(), 600))));
            }
        }
        return events;
    }

    @FunctionalInterface
    interface Ingest {
        int write(List<EventRecord> slice) throws Exception;
    }

    private static Workload ingest(BenchDatabase database, List<EventRecord> events, int unique, Ingest ingest) {
        return new Workload() {
            @Override
            public void prepare() {
                database.execute("DELETE FROM event_resources", "DELETE FROM events");
            }

            @Override
            public long run() throws Exception {
                long stored = 0;
                for (int from = 0; from < events.size(); from += CALL_SIZE) {
                    stored += ingest.write(events.subList(from, Math.min(events.size(), from + CALL_SIZE)));
                }
                if (stored != unique) {
                    throw new IllegalStateException(stored + " events reported stored of " + unique + " unique");
                }
                return events.size();
            }

            @Override
            public void verify() throws Exception {
                try (Connection connection = database.dataSource().getConnection();
                     Statement statement = connection.createStatement();
                     ResultSet row = statement.executeQuery("SELECT (SELECT count(*) FROM events), "
                             + "(SELECT count(*) FROM event_resources)")) {
                    row.next();
                    if (row.getLong(1) != unique || row.getLong(2) != unique * 4L) {
                        throw new IllegalStateException(row.getLong(1) + " events and " + row.getLong(2)
                                + " resources stored; expected " + unique + " and " + unique * 4L);
                    }
                }
            }
        };
    }

    private static int jdbcBatch(BenchDatabase database, List<EventRecord> slice) throws Exception {
        JdbcValues values = database.values();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return JdbcTransaction.run(database, null, true, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_EVENT);
                 PreparedStatement resources = connection.prepareStatement(INSERT_RESOURCE)) {
                for (EventRecord event : slice) {
                    List<String> relatedIds = new ArrayList<>();
                    event.related().forEach(related -> relatedIds.add(related.get(EventRecord.RESOURCE_ID)));
                    values.uuid(insert, 1, event.id());
                    values.timestamp(insert, 2, now);
                    values.timestamp(insert, 3, now);
                    values.timestamp(insert, 4, event.occurred());
                    insert.setString(5, event.event());
                    insert.setString(6, event.resource().get(EventRecord.RESOURCE_ID));
                    insert.setString(7, JSON.writeValueAsString(event.resource()));
                    insert.setString(8, JSON.writeValueAsString(relatedIds));
                    insert.setString(9, JSON.writeValueAsString(event.related()));
                    insert.setString(10, JSON.writeValueAsString(event.payload()));
                    values.timestamp(insert, 11, now);
                    values.timestamp(insert, 12, now);
                    values.uuid(insert, 13, event.follows());
                    insert.addBatch();
                }
                int[] counts = insert.executeBatch();
                int stored = 0;
                for (int i = 0; i < slice.size(); i++) {
                    if (counts[i] != 1) {
                        continue;
                    }
                    stored++;
                    EventRecord event = slice.get(i);
                    addResource(values, resources, event, now, event.resource(), "");
                    for (Map<String, String> related : event.related()) {
                        addResource(values, resources, event, now, related, related.get(EventRecord.RESOURCE_ROLE));
                    }
                }
                resources.executeBatch();
                return stored;
            }
        });
    }

    private static void addResource(JdbcValues values, PreparedStatement resources, EventRecord event, Instant now,
                                    Map<String, String> labels, String role) throws Exception {
        Map<String, String> rest = new LinkedHashMap<>(labels);
        rest.remove(EventRecord.RESOURCE_ID);
        rest.remove(EventRecord.RESOURCE_ROLE);
        values.uuid(resources, 1, UUID.randomUUID());
        values.timestamp(resources, 2, now);
        values.timestamp(resources, 3, now);
        values.timestamp(resources, 4, event.occurred());
        resources.setString(5, labels.get(EventRecord.RESOURCE_ID));
        resources.setString(6, role);
        resources.setString(7, JSON.writeValueAsString(rest));
        values.uuid(resources, 8, event.id());
        resources.addBatch();
    }
}
