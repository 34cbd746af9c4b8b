package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.api.ConfigurationException;
import io.stratum.api.DatabaseInterface;
import io.stratum.api.HistoryPartitions;
import io.stratum.api.Stratum;
import io.stratum.api.query.EventRecord;
import io.stratum.api.query.LogRecord;
import io.stratum.api.query.RetentionRequest;
import io.stratum.api.query.RetentionResult;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The partitioned form of log, events and event_resources (issue 17 item 3), run once per dialect: on
 * PostgreSQL it is turned on and off keeping every row, takes writes, keeps partitions ahead and lets
 * retention drop whole days; SQLite refuses it, changes nothing and cleans the same rows in batches.
 */
abstract class HistoryPartitionsContract {
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    static final List<String> TABLES = List.of("log", "events", "event_resources");

    protected TestDatabase database;
    protected DatabaseInterface db;
    protected HistoryPartitions partitions;

    abstract TestDatabase newDatabase();

    /** Whether the dialect keeps the history in day partitions when asked (PostgreSQL). */
    abstract boolean partitions();

    /** The partitions of {@code table}, by name; empty where there are none. */
    abstract List<String> partitionsOf(String table) throws Exception;

    @BeforeEach
    void open() {
        database = newDatabase();
        db = Stratum.open(database.settings().migrateOnStart(true).timeout(Duration.ofSeconds(60)).build());
        partitions = db.historyPartitions();
    }

    @AfterEach
    void close() {
        db.close();
        database.close();
    }

    static String partitionOf(String table, Instant time) {
        return table + "_p" + LocalDate.ofInstant(time, ZoneOffset.UTC).toString().replace("-", "");
    }

    void insertLogs(UUID run, Instant timestamp, int count) {
        List<LogRecord> logs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            logs.add(new LogRecord("logger", 20, run == null ? null : run, null, "message " + i, timestamp.plusMillis(i)));
        }
        db.inTransaction(session -> db.queries().bulk().insertLogs(session, logs));
    }

    EventRecord event(UUID id, Instant occurred) {
        return new EventRecord(id, occurred, "prefect.flow-run.Completed",
                Map.of(EventRecord.RESOURCE_ID, "prefect.flow-run." + id),
                List.of(Map.of(EventRecord.RESOURCE_ID, "prefect.tag.t", EventRecord.RESOURCE_ROLE, "tag")),
                Map.of("n", 1), occurred, null);
    }

    int insertEvents(List<EventRecord> events) {
        return db.inTransaction(session -> db.queries().bulk().insertEvents(session, events));
    }

    /** Logs over three old days and today, events (with a resource each) over two days. */
    void seed() {
        for (int days : new int[] {40, 20, 2, 0}) {
            insertLogs(UUID.randomUUID(), NOW.minus(Duration.ofDays(days)), 5);
        }
        insertLogs(null, NOW.minus(Duration.ofDays(20)), 3);
        List<EventRecord> events = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            events.add(event(UUID.randomUUID(), NOW.minus(Duration.ofDays(i % 2 == 0 ? 10 : 1))));
        }
        assertThat(insertEvents(events)).isEqualTo(4);
    }

    /** Every row of each table as text, column by column, by id. */
    Map<String, List<String>> contents() throws Exception {
        Map<String, List<String>> contents = new LinkedHashMap<>();
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            for (String table : TABLES) {
                List<String> rows = new ArrayList<>();
                try (ResultSet row = s.executeQuery("SELECT * FROM " + table + " ORDER BY id")) {
                    ResultSetMetaData columns = row.getMetaData();
                    while (row.next()) {
                        StringBuilder line = new StringBuilder();
                        for (int i = 1; i <= columns.getColumnCount(); i++) {
                            line.append(columns.getColumnName(i)).append('=').append(row.getString(i)).append(' ');
                        }
                        rows.add(line.toString());
                    }
                }
                contents.put(table, rows);
            }
        }
        return contents;
    }

    long count(String table) throws Exception {
        try (Connection c = database.connect(); Statement s = c.createStatement();
             ResultSet row = s.executeQuery("SELECT count(*) FROM " + table)) {
            row.next();
            return row.getLong(1);
        }
    }

    /** Turns the partitioned form on where there is one; elsewhere checks it is refused, nothing changed. */
    void enable(int daysAhead) throws Exception {
        Map<String, List<String>> before = contents();
        if (partitions()) {
            Map<String, Long> moved = partitions.enable(daysAhead);
            assertThat(moved).containsOnlyKeys(TABLES);
            before.forEach((table, rows) -> assertThat(moved.get(table)).as(table).isEqualTo(rows.size()));
            assertThat(partitions.enabled()).isTrue();
        } else {
            assertThatThrownBy(() -> partitions.enable(daysAhead)).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("day partitions exist on PostgreSQL").hasMessageContaining("nothing was changed");
            assertThat(partitions.enabled()).isFalse();
        }
        assertThat(contents()).isEqualTo(before);
    }

    @Test
    void turningThePartitionedFormOnAndOffKeepsEveryRowAndTheSchemaVerifies() throws Exception {
        seed();
        Map<String, List<String>> before = contents();
        assertThat(partitions.enabled()).isFalse();
        enable(3);
        assertThat(db.verifySchema().problems()).isEmpty();
        if (partitions()) {
            for (String table : TABLES) {
                assertThat(partitionsOf(table)).as(table).contains(table + "_default", partitionOf(table, NOW),
                        partitionOf(table, NOW.plus(Duration.ofDays(3))));
            }
            assertThat(partitionsOf("log")).contains(partitionOf("log", NOW.minus(Duration.ofDays(40))));
            assertThat(partitions.enable(3)).as("already partitioned").isEmpty();
        }
        Map<String, Long> moved = partitions.disable();
        if (partitions()) {
            before.forEach((table, rows) -> assertThat(moved.get(table)).as(table).isEqualTo(rows.size()));
        } else {
            assertThat(moved).isEmpty();
        }
        assertThat(partitions.enabled()).isFalse();
        for (String table : TABLES) {
            assertThat(partitionsOf(table)).isEmpty();
        }
        assertThat(contents()).isEqualTo(before);
        assertThat(db.verifySchema().problems()).isEmpty();
    }

    @Test
    void logsAndEventsAreWrittenOnThePartitionedFormAndStoredIdsAreSkipped() throws Exception {
        enable(1);
        insertLogs(UUID.randomUUID(), NOW, 500);
        // Years ahead: no day partition covers it, the default partition takes it.
        insertLogs(null, NOW.plus(Duration.ofDays(800)), 2);
        List<EventRecord> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            events.add(event(UUID.randomUUID(), NOW.minus(Duration.ofDays(i))));
        }
        assertThat(insertEvents(events)).isEqualTo(10);
        List<EventRecord> again = new ArrayList<>(events.subList(0, 5));
        again.add(event(UUID.randomUUID(), NOW));
        assertThat(insertEvents(again)).as("stored ids skipped").isEqualTo(1);
        assertThat(count("log")).isEqualTo(502);
        assertThat(count("events")).isEqualTo(11);
        assertThat(count("event_resources")).as("resources (its own and a related one) of new events only").isEqualTo(22);
        if (partitions()) {
            assertThat(count(partitionOf("log", NOW))).isEqualTo(500);
            assertThat(count("log_default")).isEqualTo(2);
        }
        assertThat(db.verifySchema().problems()).isEmpty();
    }

    @Test
    void daysAheadAreCreatedAndTakeTheirRowsFromTheDefaultPartition() throws Exception {
        enable(0);
        Instant later = NOW.plus(Duration.ofDays(3));
        insertLogs(null, later, 4);
        List<String> created = partitions.createAhead(5);
        if (!partitions()) {
            assertThat(created).isEmpty();
            assertThat(count("log")).isEqualTo(4);
            return;
        }
        assertThat(created).contains(partitionOf("log", later), partitionOf("events", later),
                partitionOf("event_resources", NOW.plus(Duration.ofDays(5))));
        assertThat(count(partitionOf("log", later))).isEqualTo(4);
        assertThat(count("log_default")).isZero();
        assertThat(partitions.createAhead(5)).as("nothing left to create").isEmpty();
        assertThat(db.verifySchema().problems()).isEmpty();
    }

    @Test
    void retentionDropsWholeOldDaysAndDeletesTheRestInBatches() throws Exception {
        Instant oldDay = NOW.minus(Duration.ofDays(100));
        Instant olderDay = NOW.minus(Duration.ofDays(120));
        insertLogs(UUID.randomUUID(), oldDay, 300);          // logs of a run that is gone: the day goes whole
        insertLogs(UUID.randomUUID(), olderDay, 20);         // gone too, but the day also holds ...
        insertLogs(null, olderDay.plusSeconds(5), 2);        // ... logs of no run, which the reference keeps
        insertLogs(UUID.randomUUID(), NOW, 7);               // young orphans go too (the reference's rule)
        List<EventRecord> events = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            events.add(event(UUID.randomUUID(), NOW.minus(Duration.ofDays(30)).plusSeconds(i)));
        }
        events.add(event(UUID.randomUUID(), NOW.minus(Duration.ofDays(1))));
        insertEvents(events);
        enable(1);
        RetentionRequest request = RetentionRequest.builder().flowRunsBefore(NOW.minus(Duration.ofDays(90)))
                .eventsBefore(NOW.minus(Duration.ofDays(7))).build();
        RetentionRequest dryRun = RetentionRequest.builder().flowRunsBefore(NOW.minus(Duration.ofDays(90)))
                .eventsBefore(NOW.minus(Duration.ofDays(7))).dryRun(true).build();
        RetentionResult counted = db.queries().retention().clean(dryRun);
        if (partitions()) {
            assertThat(partitionsOf("log")).contains(partitionOf("log", oldDay));
        }
        RetentionResult result = db.queries().retention().clean(request);
        assertThat(result.rows("log")).isEqualTo(327);
        assertThat(result.rows("events")).isEqualTo(30);
        assertThat(result.rows("event_resources")).isEqualTo(60);
        assertThat(counted.rows()).isEqualTo(result.rows());
        assertThat(count("log")).isEqualTo(2);
        assertThat(count("events")).isEqualTo(1);
        assertThat(count("event_resources")).isEqualTo(2);
        if (partitions()) {
            assertThat(partitionsOf("log")).doesNotContain(partitionOf("log", oldDay)).contains(partitionOf("log", olderDay));
            assertThat(partitionsOf("events")).doesNotContain(partitionOf("events", NOW.minus(Duration.ofDays(30))));
            assertThat(partitionsOf("event_resources"))
                    .doesNotContain(partitionOf("event_resources", NOW.minus(Duration.ofDays(30))));
            assertThat(partitionsOf("log")).as("a clean keeps a week of days ahead")
                    .contains(partitionOf("log", NOW.plus(Duration.ofDays(7))));
        }
        assertThat(db.verifySchema().problems()).isEmpty();
    }

    /**
     * The form is not a revision: revisions go down and up on either form (the rows of the history tables
     * kept), and reverting them all drops the partitioned tables as it drops the plain ones.
     */
    @Test
    void revisionsGoDownAndUpOnThePartitionedForm() throws Exception {
        seed();
        enable(2);
        Map<String, List<String>> before = contents();
        String newest = db.migrations().newest().id();
        db.migrations().downgrade("-1");
        db.migrations().upgrade("head");
        assertThat(db.migrations().current()).contains(newest);
        assertThat(partitions.enabled()).isEqualTo(partitions());
        assertThat(contents()).isEqualTo(before);
        assertThat(db.verifySchema().problems()).isEmpty();
        db.migrations().downgrade("base");
        assertThat(partitionsOf("log")).isEmpty();
        db.migrations().upgrade("head");
        assertThat(partitions.enabled()).isFalse();
        assertThat(count("log")).isZero();
        assertThat(db.verifySchema().problems()).isEmpty();
    }
}
