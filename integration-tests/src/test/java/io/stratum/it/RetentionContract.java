package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.api.ConfigurationException;
import io.stratum.api.DatabaseInterface;
import io.stratum.api.DatabaseSettings;
import io.stratum.api.RetentionKind;
import io.stratum.api.Stratum;
import io.stratum.api.model.StateType;
import io.stratum.api.query.RetentionProgress;
import io.stratum.api.query.RetentionRequest;
import io.stratum.api.query.RetentionResult;
import io.stratum.api.spi.DialectProvider;
import io.stratum.api.spi.RetentionSql;
import io.stratum.orm.model.ArtifactCollectionEntity;
import io.stratum.orm.model.ArtifactEntity;
import io.stratum.orm.model.EventEntity;
import io.stratum.orm.model.EventResourceEntity;
import io.stratum.orm.model.FlowEntity;
import io.stratum.orm.model.FlowRunEntity;
import io.stratum.orm.model.FlowRunInputEntity;
import io.stratum.orm.model.FlowRunStateEntity;
import io.stratum.orm.model.LogEntity;
import io.stratum.orm.model.TaskRunEntity;
import io.stratum.orm.model.TaskRunStateEntity;
import io.stratum.orm.types.Json;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retention (issue 17 item 1), run once per dialect by the subclasses: a seeded history with runs in
 * every state type, old and young, top-level and subflows, with everything hanging on them, and events
 * with resources (heartbeats included); a clean deletes exactly the expected rows, nothing else.
 */
abstract class RetentionContract {
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    static final Instant OLD = NOW.minus(Duration.ofDays(200));
    static final Instant YOUNG = NOW.minus(Duration.ofDays(10));
    static final Instant RUN_CUTOFF = NOW.minus(Duration.ofDays(90));
    static final Instant EVENT_CUTOFF = NOW.minus(Duration.ofDays(7));
    static final String HEARTBEAT = "prefect.flow-run.heartbeat";
    static final Set<StateType> TERMINAL = Set.of(StateType.COMPLETED, StateType.FAILED, StateType.CANCELLED,
            StateType.CRASHED);
    static final List<String> TABLES = List.of("flow", "flow_run", "flow_run_state", "task_run", "task_run_state",
            "flow_run_input", "log", "artifact", "artifact_collection", "event_resources", "events");

    protected TestDatabase database;
    protected DatabaseInterface db;
    private FlowEntity flow;

    /** Ids expected to go / stay, per table, filled by {@link #seed()}. */
    final Map<String, Set<UUID>> goes = new LinkedHashMap<>();
    final Map<String, Set<UUID>> stays = new LinkedHashMap<>();
    UUID reportKeptArtifact;
    UUID untouchedArtifact;
    int sequence;

    abstract TestDatabase newDatabase();

    /**
     * The plan of {@code sql} ({@code ?} placeholders bound to {@code parameters}), one line per node;
     * {@code asPlanned}: as the planner picks it from the statistics, else only asking whether an index
     * path exists at all.
     */
    abstract List<String> plan(Connection connection, String sql, List<Object> parameters, boolean asPlanned)
            throws Exception;

    /** Whether a plan line reads every row of {@code table} (a scan, not an index search). */
    abstract boolean scans(String planLine, String table);

    /**
     * Fills flow_run and events with a realistic mix (most runs top-level and terminal, half of them old;
     * mostly heartbeat events) and gathers statistics, where the database plans by them.
     */
    abstract void seedVolume(Connection connection, UUID flowId) throws Exception;

    @BeforeEach
    void open() {
        database = newDatabase();
        db = Stratum.open(database.settings().migrateOnStart(true).timeout(Duration.ofSeconds(60)).build());
        for (String table : TABLES) {
            goes.put(table, new HashSet<>());
            stays.put(table, new HashSet<>());
        }
        flow = new FlowEntity("retained-flow");
        persist(flow);
        stays.get("flow").add(flow.getId());
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
        database.close();
    }

    // ---------------------------------------------------------------- the seeded history

    void persist(Object... entities) {
        db.inTransaction(session -> {
            for (Object entity : entities) {
                session.persist(entity);
            }
            return null;
        });
    }

    /** A run with two states, a task run with two states, an input, two logs: all of it goes iff {@code gone}. */
    FlowRunEntity run(StateType type, Instant endTime, UUID parentTaskRunId, boolean gone) {
        FlowRunEntity run = new FlowRunEntity(flow.getId());
        run.setName("run-" + sequence++);
        run.setStateType(type);
        run.setStateName(type.name());
        run.setStartTime(endTime == null ? OLD : endTime.minusSeconds(60));
        run.setEndTime(endTime);
        run.setParentTaskRunId(parentTaskRunId);
        persist(run);
        Map<String, Set<UUID>> to = gone ? goes : stays;
        to.get("flow_run").add(run.getId());
        for (int i = 0; i < 2; i++) {
            FlowRunStateEntity state = new FlowRunStateEntity(i == 0 ? StateType.RUNNING : type, "s" + i);
            state.setFlowRunId(run.getId());
            state.setTimestamp(OLD.plusSeconds(i));
            persist(state);
            to.get("flow_run_state").add(state.getId());
        }
        task(run, to);
        FlowRunInputEntity input = new FlowRunInputEntity();
        input.setFlowRunId(run.getId());
        input.setKey("input");
        input.setValue("\"v\"");
        persist(input);
        to.get("flow_run_input").add(input.getId());
        for (int i = 0; i < 2; i++) {
            to.get("log").add(log(run.getId()).getId());
        }
        return run;
    }

    TaskRunEntity task(FlowRunEntity run, Map<String, Set<UUID>> to) {
        TaskRunEntity task = new TaskRunEntity(run.getId(), "task-" + sequence++, "0");
        task.setName("task");
        task.setStateType(StateType.COMPLETED);
        persist(task);
        to.get("task_run").add(task.getId());
        for (int i = 0; i < 2; i++) {
            TaskRunStateEntity state = new TaskRunStateEntity(StateType.COMPLETED, "t" + i);
            state.setTaskRunId(task.getId());
            state.setTimestamp(OLD.plusSeconds(i));
            persist(state);
            to.get("task_run_state").add(state.getId());
        }
        return task;
    }

    LogEntity log(UUID flowRunId) {
        LogEntity log = new LogEntity();
        log.setName("logger");
        log.setLevel((short) 20);
        log.setFlowRunId(flowRunId);
        log.setMessage("message");
        log.setTimestamp(OLD);
        persist(log);
        return log;
    }

    ArtifactEntity artifact(String key, UUID flowRunId, Instant created, String description) {
        ArtifactEntity artifact = new ArtifactEntity();
        artifact.setKey(key);
        artifact.setFlowRunId(flowRunId);
        artifact.setType("markdown");
        artifact.setDescription(description);
        artifact.setData(Json.tree("{\"text\": \"" + description + "\"}", "data"));
        artifact.setMetadata(Map.of("about", description));
        artifact.setCreated(created);
        persist(artifact);
        return artifact;
    }

    ArtifactCollectionEntity collection(ArtifactEntity latest, String key) {
        ArtifactCollectionEntity collection = new ArtifactCollectionEntity();
        collection.setKey(key);
        collection.setLatestId(latest == null ? UUID.randomUUID() : latest.getId());
        collection.setFlowRunId(latest == null ? null : latest.getFlowRunId());
        collection.setType("markdown");
        collection.setDescription(latest == null ? "nothing" : latest.getDescription());
        persist(collection);
        return collection;
    }

    EventEntity event(String type, Instant occurred, int resources, boolean gone) {
        EventEntity event = new EventEntity();
        event.setOccurred(occurred);
        event.setEvent(type);
        event.setResourceId("prefect.flow-run." + sequence++);
        event.setResource(Map.of("prefect.resource.id", "r"));
        event.setPayload(Map.of());
        event.setReceived(occurred);
        event.setRecorded(occurred);
        persist(event);
        (gone ? goes : stays).get("events").add(event.getId());
        for (int i = 0; i < resources; i++) {
            (gone ? goes : stays).get("event_resources").add(resource(event.getId(), occurred).getId());
        }
        return event;
    }

    EventResourceEntity resource(UUID eventId, Instant occurred) {
        EventResourceEntity resource = new EventResourceEntity();
        resource.setOccurred(occurred);
        resource.setResourceId("prefect.flow-run.x");
        resource.setResourceRole("related");
        resource.setResource(Map.of("prefect.resource.id", "x"));
        resource.setEventId(eventId);
        persist(resource);
        return resource;
    }

    void seed() {
        // Every state type, old, top-level, with end_time: only the terminal ones go.
        for (StateType type : StateType.values()) {
            run(type, OLD, null, TERMINAL.contains(type));
        }
        FlowRunEntity young = run(StateType.COMPLETED, YOUNG, null, false);
        run(StateType.COMPLETED, null, null, false);                    // terminal without end_time stays
        // An old parent, its subflow (old, completed: goes once top-level), the subflow's own subflow
        // (goes too, a batch later still), and a young subflow that stays and becomes top-level.
        FlowRunEntity parent = run(StateType.FAILED, OLD, null, true);
        TaskRunEntity parentTask = task(parent, goes);
        FlowRunEntity child = run(StateType.COMPLETED, OLD, parentTask.getId(), true);
        TaskRunEntity childTask = task(child, goes);
        run(StateType.CRASHED, OLD, childTask.getId(), true);
        run(StateType.COMPLETED, YOUNG, parentTask.getId(), false);
        // An old subflow whose parent stays: it keeps its parent and stays.
        TaskRunEntity youngTask = task(young, stays);
        run(StateType.COMPLETED, OLD, youngTask.getId(), false);

        // Logs of no run (go), without a run id (stay).
        goes.get("log").add(log(UUID.randomUUID()).getId());
        stays.get("log").add(log(null).getId());
        // Artifacts: "report" keeps an older version of a kept run (the collection is re-pointed at it),
        // "gone" loses its only artifact (the collection goes), "kept" is untouched, "stale" names no artifact.
        ArtifactEntity kept = artifact("report", young.getId(), OLD, "kept version");
        ArtifactEntity newest = artifact("report", parent.getId(), OLD.plusSeconds(60), "newest version");
        reportKeptArtifact = kept.getId();
        stays.get("artifact").add(kept.getId());
        goes.get("artifact").add(newest.getId());
        stays.get("artifact_collection").add(collection(newest, "report").getId());
        ArtifactEntity only = artifact("gone", child.getId(), OLD, "only version");
        goes.get("artifact").add(only.getId());
        goes.get("artifact_collection").add(collection(only, "gone").getId());
        ArtifactEntity untouched = artifact("kept", young.getId(), OLD, "untouched");
        untouchedArtifact = untouched.getId();
        stays.get("artifact").add(untouched.getId());
        stays.get("artifact_collection").add(collection(untouched, "kept").getId());
        goes.get("artifact_collection").add(collection(null, "stale").getId());
        goes.get("artifact").add(artifact(null, UUID.randomUUID(), OLD, "orphan").getId());
        stays.get("artifact").add(artifact(null, null, OLD, "no run").getId());

        // Events: old ones go with their resources, young ones stay; heartbeats go after a day.
        event("prefect.flow-run.Completed", NOW.minus(Duration.ofDays(10)), 2, true);
        event("prefect.flow-run.Completed", NOW.minus(Duration.ofDays(1)), 1, false);
        event(HEARTBEAT, NOW.minus(Duration.ofDays(2)), 1, true);
        event(HEARTBEAT, NOW.minus(Duration.ofHours(12)), 1, false);
        goes.get("event_resources").add(resource(UUID.randomUUID(), NOW.minus(Duration.ofDays(10))).getId());
        stays.get("event_resources").add(resource(UUID.randomUUID(), NOW.minus(Duration.ofDays(1))).getId());
    }

    RetentionRequest.Builder request() {
        return RetentionRequest.builder().flowRunsBefore(RUN_CUTOFF).eventsBefore(EVENT_CUTOFF)
                .eventTypeBefore(HEARTBEAT, NOW.minus(Duration.ofDays(1)));
    }

    // ---------------------------------------------------------------- reading the database back

    Set<UUID> ids(String table) throws Exception {
        Set<UUID> ids = new HashSet<>();
        try (Connection c = database.connect(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT id FROM " + table)) {
            while (rows.next()) {
                ids.add(UUID.fromString(rows.getString(1)));
            }
        }
        return ids;
    }

    long scalar(String sql) throws Exception {
        try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    Map<String, Set<UUID>> snapshot() throws Exception {
        Map<String, Set<UUID>> rows = new LinkedHashMap<>();
        for (String table : TABLES) {
            rows.put(table, ids(table));
        }
        return rows;
    }

    void assertExactlyTheExpectedRowsWent(RetentionResult result) throws Exception {
        for (String table : TABLES) {
            Set<UUID> left = ids(table);
            assertThat(left).as("rows left in " + table).containsExactlyInAnyOrderElementsOf(stays.get(table));
            if (!table.equals("flow")) {
                assertThat(result.rows(table)).as("rows of " + table + " reported").isEqualTo(goes.get(table).size());
            }
        }
        assertThat(result.repointedCollections()).isEqualTo(1);
        assertConsistent();
    }

    /** Foreign keys (also those SQLite only checks when asked) and the pointers without one. */
    void assertConsistent() throws Exception {
        assertThat(scalar("SELECT count(*) FROM flow_run_state s WHERE NOT EXISTS (SELECT 1 FROM flow_run r WHERE r.id = s.flow_run_id)")).isZero();
        assertThat(scalar("SELECT count(*) FROM task_run t WHERE t.flow_run_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM flow_run r WHERE r.id = t.flow_run_id)")).isZero();
        assertThat(scalar("SELECT count(*) FROM task_run_state s WHERE NOT EXISTS (SELECT 1 FROM task_run t WHERE t.id = s.task_run_id)")).isZero();
        assertThat(scalar("SELECT count(*) FROM flow_run_input i WHERE NOT EXISTS (SELECT 1 FROM flow_run r WHERE r.id = i.flow_run_id)")).isZero();
        assertThat(scalar("SELECT count(*) FROM flow_run r WHERE r.parent_task_run_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM task_run t WHERE t.id = r.parent_task_run_id)")).isZero();
        assertThat(scalar("SELECT count(*) FROM artifact_collection c WHERE NOT EXISTS (SELECT 1 FROM artifact a WHERE a.id = c.latest_id)")).isZero();
        assertThat(db.verifySchema().problems()).isEmpty();
    }

    // ---------------------------------------------------------------- query plans

    /** The dialect's part, as the interface found it. */
    RetentionSql retentionSql() {
        for (DialectProvider provider : ServiceLoader.load(DialectProvider.class, RetentionContract.class.getClassLoader())) {
            if (provider.dialect().equals(db.dialect())) {
                return provider.retentionSql();
            }
        }
        throw new IllegalStateException("no provider of " + db.dialect());
    }

    List<String> assertSearchesAnIndex(String sql, List<Object> parameters, String... tables) throws Exception {
        List<String> plan;
        try (Connection connection = database.connect()) {
            plan = plan(connection, sql.replaceAll(":[a-z_]+", "?"), parameters, false);
        }
        for (String table : tables) {
            assertThat(plan).as("plan of " + sql + ":\n" + String.join("\n", plan))
                    .noneMatch(line -> scans(line, table));
        }
        return plan;
    }

    /** A batch of old rows walks the index of its time column from the oldest end (no search of all rows, no sort). */
    void assertWalksTimeIndex(String sql, List<Object> parameters, String table, String index) throws Exception {
        List<String> plan;
        try (Connection connection = database.connect()) {
            plan = plan(connection, sql.replaceAll(":[a-z_]+", "?"), parameters, true);
        }
        String text = String.join("\n", plan);
        assertThat(plan).as("plan of " + sql + ":\n" + text).noneMatch(line -> scans(line, table));
        assertThat(text).as("plan of " + sql + ":\n" + text).contains(index);
        assertThat(text.toLowerCase(java.util.Locale.ROOT)).as("plan of " + sql + ":\n" + text).doesNotContain("sort");
    }

    /**
     * Every statement a batch runs finds its rows through an index of the reference schema, so a batch
     * costs its rows, not the table: the dialect's batch selects, the deletes by id and the lookups of the
     * cascades, and the shared statements of BatchedRetention (mirrored here).
     */
    @Test
    void everyBatchFindsItsRowsThroughAnIndex() throws Exception {
        RetentionSql sql = retentionSql();
        UUID id = UUID.randomUUID();
        try (Connection connection = database.connect()) {
            seedVolume(connection, flow.getId());
        }
        assertWalksTimeIndex(sql.expiredFlowRunIds(), List.of(RUN_CUTOFF, 200), "flow_run", "ix_flow_run__end_time_desc");
        assertWalksTimeIndex(sql.oldEventIds(), List.of(EVENT_CUTOFF, 200), "events", "ix_events__occurred");
        assertWalksTimeIndex(sql.oldEventIdsOfType(), List.of(HEARTBEAT, EVENT_CUTOFF, 200), "events",
                "ix_events__event_occurred");
        assertSearchesAnIndex("DELETE FROM event_resources WHERE event_id IN (?, ?)", List.of(id, id), "event_resources");
        assertSearchesAnIndex("DELETE FROM events WHERE id IN (?, ?)", List.of(id, id), "events");
        assertSearchesAnIndex("DELETE FROM flow_run WHERE id IN (?, ?)", List.of(id, id), "flow_run");
        // A batch of runs with the counts of what cascades from them, and what the cascades look up.
        String withCounts = "SELECT e.id, (SELECT count(*) FROM flow_run_state s WHERE s.flow_run_id = e.id), "
                + "(SELECT count(*) FROM task_run t WHERE t.flow_run_id = e.id), "
                + "(SELECT count(*) FROM task_run_state ts WHERE ts.task_run_id IN (SELECT t.id FROM task_run t WHERE t.flow_run_id = e.id)), "
                + "(SELECT count(*) FROM flow_run_input i WHERE i.flow_run_id = e.id) FROM (" + sql.expiredFlowRunIds() + ") e";
        assertWalksTimeIndex(withCounts, List.of(RUN_CUTOFF, 200), "flow_run", "ix_flow_run__end_time_desc");
        assertSearchesAnIndex(withCounts, List.of(RUN_CUTOFF, 200), "flow_run_state", "task_run", "task_run_state",
                "flow_run_input");
        assertSearchesAnIndex("SELECT count(*) FROM flow_run WHERE parent_task_run_id = ?", List.of(id), "flow_run");
        for (String table : List.of("log", "artifact")) {
            assertSearchesAnIndex("WITH RECURSIVE ids(id, k) AS (SELECT (SELECT flow_run_id FROM " + table
                    + " WHERE flow_run_id > ? ORDER BY flow_run_id LIMIT 1), 1 UNION ALL SELECT (SELECT flow_run_id FROM "
                    + table + " WHERE flow_run_id > ids.id ORDER BY flow_run_id LIMIT 1), k + 1 FROM ids WHERE ids.id IS NOT "
                    + "NULL AND k < ?) SELECT ids.id, CASE WHEN EXISTS (SELECT 1 FROM flow_run f WHERE f.id = ids.id) THEN -1 "
                    + "ELSE (SELECT count(*) FROM (SELECT 1 FROM " + table + " t WHERE t.flow_run_id = ids.id LIMIT ?) named) "
                    + "END FROM ids WHERE ids.id IS NOT NULL ORDER BY k", List.of(new UUID(0, 0), 200, 201), table, "flow_run");
            assertSearchesAnIndex("DELETE FROM " + table + " WHERE flow_run_id IN (?, ?)", List.of(id, id), table);
            assertSearchesAnIndex("DELETE FROM " + table + " WHERE id IN (SELECT id FROM " + table
                    + " WHERE flow_run_id = ? LIMIT ?)", List.of(id, 200), table);
        }
        assertSearchesAnIndex("DELETE FROM event_resources WHERE id IN (SELECT r.id FROM event_resources r WHERE "
                + "r.occurred < ? AND NOT EXISTS (SELECT 1 FROM events e WHERE e.id = r.event_id) ORDER BY r.occurred "
                + "LIMIT ?)", List.of(EVENT_CUTOFF, 200), "event_resources", "events");
    }

    // ---------------------------------------------------------------- the behaviour

    @Test
    void aCleanDeletesExactlyTheExpiredHistoryAndNothingElse() throws Exception {
        seed();
        List<String> finished = new CopyOnWriteArrayList<>();
        RetentionResult result = db.queries().retention().clean(request().progress(new RetentionProgress() {
            @Override
            public void finished(String table, long total, Duration elapsed) {
                finished.add(table);
            }
        }).build());
        assertExactlyTheExpectedRowsWent(result);
        assertThat(result.dryRun()).isFalse();
        assertThat(finished).containsExactlyElementsOf(TABLES.subList(1, TABLES.size()));
        // The re-pointed collection now describes the newest artifact left of its key.
        try (Connection c = database.connect(); Statement s = c.createStatement();
             ResultSet row = s.executeQuery("SELECT latest_id, description, flow_run_id FROM artifact_collection "
                     + "WHERE \"key\" = 'report'")) {
            assertThat(row.next()).isTrue();
            assertThat(UUID.fromString(row.getString(1))).isEqualTo(reportKeptArtifact);
            assertThat(row.getString(2)).isEqualTo("kept version");
        }
        // The young subflow whose parent task run went is top-level now, and stays.
        assertThat(scalar("SELECT count(*) FROM flow_run WHERE parent_task_run_id IS NULL")).isEqualTo(stays.get("flow_run").size() - 1);
        // A second clean finds nothing left.
        RetentionResult again = db.queries().retention().clean(request().build());
        assertThat(again.total()).isZero();
    }

    @Test
    void batchSizeOneGivesTheSameResult() throws Exception {
        seed();
        List<Long> batches = new CopyOnWriteArrayList<>();
        RetentionResult result = db.queries().retention().clean(request().batchSize(1).progress(new RetentionProgress() {
            @Override
            public void batch(String table, long rows, long total) {
                if (table.equals("flow_run")) {
                    batches.add(rows);
                }
            }
        }).build());
        assertExactlyTheExpectedRowsWent(result);
        assertThat(batches).hasSize(goes.get("flow_run").size()).containsOnly(1L);
    }

    /** Orphan rows go a group of whole runs per batch: groups that split the runs give the same result. */
    @Test
    void batchesOfAFewRunsLogsGiveTheSameResult() throws Exception {
        seed();
        assertExactlyTheExpectedRowsWent(db.queries().retention().clean(request().batchSize(3).build()));
    }

    /** Inside the caller's transaction a clean could not commit per batch: it refuses, deleting nothing. */
    @Test
    void aCleanInsideATransactionFailsAndDeletesNothing() throws Exception {
        seed();
        Map<String, Set<UUID>> before = snapshot();
        assertThatThrownBy(() -> db.inTransaction(session -> db.queries().retention().clean(request().build())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inside a transaction")
                .hasMessageContaining("nothing was deleted");
        assertThatThrownBy(() -> db.inReadOnlyTransaction(session -> db.queries().retention().clean(request().build())))
                .isInstanceOf(IllegalStateException.class);
        assertThat(snapshot()).isEqualTo(before);
        // Outside one it runs.
        assertExactlyTheExpectedRowsWent(db.queries().retention().clean(request().build()));
    }

    @Test
    void aDryRunCountsWhatACleanDeletesAndChangesNothing() throws Exception {
        seed();
        Map<String, Set<UUID>> before = snapshot();
        RetentionResult dryRun = db.queries().retention().clean(request().dryRun(true).build());
        assertThat(snapshot()).isEqualTo(before);
        assertThat(dryRun.dryRun()).isTrue();
        RetentionResult clean = db.queries().retention().clean(request().build());
        assertThat(dryRun.rows()).isEqualTo(clean.rows());
        assertThat(dryRun.repointedCollections()).isEqualTo(clean.repointedCollections());
        assertExactlyTheExpectedRowsWent(clean);
    }

    @Test
    void onlyTheKindsRequestedAreCleaned() throws Exception {
        seed();
        RetentionResult eventsOnly = db.queries().retention().clean(RetentionRequest.builder().eventsBefore(EVENT_CUTOFF).build());
        assertThat(eventsOnly.rows().keySet()).containsExactly("event_resources", "events");
        assertThat(ids("flow_run")).hasSize(goes.get("flow_run").size() + stays.get("flow_run").size());
        assertThat(ids("log")).hasSize(goes.get("log").size() + stays.get("log").size());
        // Without the heartbeat override, heartbeats live as long as other events.
        assertThat(eventsOnly.rows("events")).isEqualTo(1);
    }

    @Test
    void theSettingsDescribeTheRequestAndRefuseAnOverrideLongerThanTheEventsRetention() {
        DatabaseSettings defaults = database.settings().build();
        assertThat(defaults.retentionEnabled()).containsExactly(RetentionKind.EVENTS);
        RetentionRequest fromDefaults = RetentionRequest.fromSettings(defaults, NOW).build();
        assertThat(fromDefaults.flowRunsBefore()).isEmpty();
        assertThat(fromDefaults.eventsBefore()).contains(NOW.minus(Duration.ofDays(7)));
        assertThat(fromDefaults.batchSize()).isEqualTo(200);
        DatabaseSettings all = database.settings().retentionEnabled(Set.of(RetentionKind.FLOW_RUNS, RetentionKind.EVENTS))
                .eventRetentionOverrides(Map.of(HEARTBEAT, Duration.ofDays(1))).build();
        RetentionRequest request = RetentionRequest.fromSettings(all, NOW).build();
        assertThat(request.flowRunsBefore()).contains(NOW.minus(Duration.ofDays(90)));
        assertThat(request.eventTypesBefore()).containsEntry(HEARTBEAT, NOW.minus(Duration.ofDays(1)));
        assertThatThrownBy(() -> database.settings().eventRetentionOverrides(Map.of(HEARTBEAT, Duration.ofDays(8))).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("longer than events_retention_period");
        assertThatThrownBy(() -> database.settings().retentionPeriod(Duration.ofMinutes(59)).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("retention_period");
        assertThatThrownBy(() -> RetentionRequest.builder().eventsBefore(EVENT_CUTOFF)
                .eventTypeBefore(HEARTBEAT, EVENT_CUTOFF.minusSeconds(1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("can only be shorter");
        assertThatThrownBy(() -> RetentionRequest.builder().eventTypeBefore(HEARTBEAT, NOW).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs eventsBefore");
        assertThatThrownBy(() -> RetentionRequest.builder().batchSize(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from 1 to 10000");
    }
}
