package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.stratum.api.ConfigurationException;
import io.stratum.api.DatabaseInterface;
import io.stratum.api.MigrationException;
import io.stratum.api.SchemaVersionException;
import io.stratum.api.Stratum;
import io.stratum.api.StratumException;
import io.stratum.api.model.OrmModel;
import io.stratum.api.model.StateType;
import io.stratum.api.query.BulkWrites;
import io.stratum.api.query.ConcurrencyLimits;
import io.stratum.api.query.EventRecord;
import io.stratum.api.query.LogRecord;
import io.stratum.api.query.QueryHelpers;
import io.stratum.api.query.ScheduledFlowRun;
import io.stratum.api.query.WorkerPollRequest;
import io.stratum.migrations.Bookkeeping;
import io.stratum.orm.model.DeploymentEntity;
import io.stratum.orm.model.FlowEntity;
import io.stratum.orm.model.FlowRunEntity;
import io.stratum.orm.model.FlowRunStateEntity;
import io.stratum.orm.types.ConcurrencyOptions;
import io.stratum.orm.types.JsonColumnException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The catalogue of bad inputs, run once per dialect: each case is an input, the exact exception type
 * it must raise, fragments its message must contain (what was wrong, and what to do), fragments it
 * must not contain (secrets), and a probe read before and after that proves the failed call wrote
 * nothing. Dialect subclasses add their own cases (URLs, files, servers); dialect-free settings
 * are in {@link BadInputSettingsTest}, version checks in the dialect modules ({@code BadInput*VersionTest}).
 *
 * <p>The missing dialect module is covered where the module path can really lack it, by the
 * distribution test {@code cli/src/test/java/io/stratum/cli/dist/DeploymentIT} (a copy of the
 * distribution without {@code stratum-dialect-postgres} fails with an error naming that artifact).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BadInputContract {
    /** An input, what it must raise, and what must be unchanged afterwards. */
    record Case(String name, Class<? extends Throwable> type, List<String> says, List<String> neverSays,
                Callable<?> action, Callable<Object> probe) {
    }

    protected TestDatabase database;
    protected DatabaseInterface db;
    /** A run whose typed JSON column is overwritten with a bad value before the read case. */
    protected FlowRunEntity badJsonRun;
    /** A state whose state_details gets a timestamp without an offset. */
    protected FlowRunStateEntity naiveTimestampState;
    protected FlowEntity flow;
    private TestDatabase newerDatabase;

    abstract TestDatabase newDatabase();

    /** The cases only this dialect has. */
    abstract List<Case> dialectCases() throws Exception;

    @BeforeAll
    void openMigratedDatabase() throws Exception {
        database = newDatabase();
        db = Stratum.open(database.settings().migrateOnStart(true).build());
        flow = new FlowEntity("bad-input");
        badJsonRun = new FlowRunEntity(flow.getId());
        FlowRunEntity other = new FlowRunEntity(flow.getId());
        db.inTransaction(session -> {
            session.persist(flow);
            session.persist(badJsonRun);
            session.persist(other);
            io.stratum.orm.model.ConcurrencyLimitV2Entity bounded = new io.stratum.orm.model.ConcurrencyLimitV2Entity();
            bounded.setName(BOUNDED_LIMIT);
            bounded.setLimit(1);
            session.persist(bounded);
            return null;
        });
        naiveTimestampState = new FlowRunStateEntity(StateType.SCHEDULED, "Scheduled");
        db.inTransaction(session -> db.queries().transitions().setFlowRunState(session, other.getId(), naiveTimestampState));
        // Written behind the model's back, as another tool or an old bug might have.
        execute("UPDATE flow_run SET empirical_policy = '{\"retry_type\": \"sometimes\"}' WHERE id = " + idLiteral(badJsonRun.getId()));
        execute("UPDATE flow_run_state SET state_details = '{\"scheduled_time\": \"2026-01-02T03:04:05\"}' WHERE id = "
                + idLiteral(naiveTimestampState.getId()));

        newerDatabase = newDatabase();
        try (DatabaseInterface first = Stratum.open(newerDatabase.settings().migrateOnStart(true).build())) {
            first.migrations().current();
        }
        try (Connection connection = newerDatabase.connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO " + Bookkeeping.HISTORY_TABLE + " (installed_rank, version, description, "
                    + "type, script, checksum, installed_by, installed_on, execution_time, success) SELECT installed_rank + 1000, "
                    + "'9999', 'from the future', type, 'V9999__from_the_future.sql', checksum, installed_by, installed_on, "
                    + "execution_time, success FROM " + Bookkeeping.HISTORY_TABLE + " WHERE installed_rank = (SELECT "
                    + "max(installed_rank) FROM " + Bookkeeping.HISTORY_TABLE + ")");
        }
    }

    @AfterAll
    void closeDatabases() {
        if (db != null) {
            db.close();
        }
        if (database != null) {
            database.close();
        }
        if (newerDatabase != null) {
            newerDatabase.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> catalogue() throws Exception {
        List<Case> cases = new ArrayList<>(commonCases());
        cases.addAll(boundCases());
        cases.addAll(dialectCases());
        assertThat(cases.size()).as("bad inputs in the %s catalogue", database.dialect().id()).isGreaterThanOrEqualTo(20);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    static void check(Case c) throws Exception {
        Object before = c.probe().call();
        Throwable thrown = catchThrowable(() -> c.action().call());
        System.out.println("[bad-input] " + c.name() + " -> " + (thrown == null ? "nothing thrown"
                : thrown.getClass().getSimpleName() + ": " + thrown.getMessage()));
        assertThat(thrown).as(c.name()).isExactlyInstanceOf(c.type());
        for (String fragment : c.says()) {
            assertThat(thrown.getMessage()).as("message of: " + c.name()).contains(fragment);
        }
        for (String secret : c.neverSays()) {
            assertThat(String.valueOf(thrown)).as("error of: " + c.name()).doesNotContain(secret);
            for (Throwable cause = thrown.getCause(); cause != null; cause = cause.getCause()) {
                assertThat(String.valueOf(cause.getMessage())).as("cause of: " + c.name()).doesNotContain(secret);
            }
        }
        assertThat(c.probe().call()).as("nothing changed by: " + c.name()).isEqualTo(before);
    }

    static Case bad(String name, Class<? extends Throwable> type, List<String> says, Callable<?> action, Callable<Object> probe) {
        return new Case(name, type, says, List.of(), action, probe);
    }

    private List<Case> commonCases() {
        int logsPerStatement = db.queries().bulk().logsPerStatement();
        // Past the first statement where a call takes several; the last row where one statement takes it all.
        int logs = Math.min(logsPerStatement * 2 + 20, BulkWrites.MAX_RECORDS);
        int badIndex = Math.min(logsPerStatement + 7, logs - 1);
        List<LogRecord> oversized = new ArrayList<>();
        for (int i = 0; i < logs; i++) {
            oversized.add(new LogRecord("bulk", 20, null, null, i == badIndex ? null : "line " + i, Instant.now()));
        }
        return List.of(
                bad("downgrade to an unknown revision", MigrationException.class,
                        List.of("Unknown revision 'no-such-revision' for downgrade", "Known " + database.dialect().id()
                                + " revisions: "), () -> {
                            db.runMigrationsDowngrade("no-such-revision");
                            return null;
                        }, this::snapshot),
                bad("stamp an unknown revision", MigrationException.class,
                        List.of("Unknown revision '999' for stamp", "'base'"), () -> {
                            db.migrations().stamp("999");
                            return null;
                        }, this::snapshot),
                bad("upgrade to an unknown revision", MigrationException.class,
                        List.of("Unknown revision 'latest' for upgrade", "'head'"), () -> db.migrations().upgrade("latest"),
                        this::snapshot),
                bad("downgrade by zero steps", MigrationException.class, List.of("at least 1, got '-0'"),
                        () -> db.migrations().downgrade("-0"), this::snapshot),
                bad("downgrade more steps than are applied", MigrationException.class,
                        List.of("Cannot downgrade 999 revisions", "are applied", "'base'"),
                        () -> db.migrations().downgrade("-999"), this::snapshot),
                bad("open a database newer than the code", SchemaVersionException.class,
                        List.of("revision 9999", "newer than this build", "newer Stratum", "downgrade"),
                        () -> Stratum.open(newerDatabase.settings().migrateOnStart(true).build()),
                        () -> snapshot(newerDatabase)),
                bad("invalid value for a typed JSON column, written through the entity", JsonColumnException.class,
                        List.of("deployment.concurrency_options", "cannot be written", "collision_strategy"),
                        () -> db.inTransaction(session -> {
                            DeploymentEntity deployment = new DeploymentEntity();
                            deployment.setName("bad-options");
                            deployment.setFlowId(flow.getId());
                            deployment.setConcurrencyOptions(new ConcurrencyOptions(null, 30));
                            session.persist(deployment);
                            return null;
                        }), this::snapshot),
                bad("invalid JSON in a typed column, written by raw SQL, read through the entity", JsonColumnException.class,
                        List.of("flow_run.empirical_policy", "not a valid FlowRunPolicy", "sometimes"),
                        () -> db.sessionContext(false, false,
                                session -> session.find(FlowRunEntity.class, badJsonRun.getId()).getEmpiricalPolicy()),
                        () -> snapshot() + rawValue("SELECT empirical_policy FROM flow_run WHERE id = "
                                + idLiteral(badJsonRun.getId()))),
                bad("naive timestamp (no offset) inside a typed JSON column", JsonColumnException.class,
                        List.of("state_details (flow_run_state, task_run_state)", "2026-01-02T03:04:05 at scheduled_time",
                                "not a UTC-aware instant",
                                "2026-01-02T03:04:05Z"),
                        () -> db.sessionContext(false, false,
                                session -> session.find(FlowRunStateEntity.class, naiveTimestampState.getId()).getStateDetails()),
                        () -> snapshot() + rawValue("SELECT state_details FROM flow_run_state WHERE id = "
                                + idLiteral(naiveTimestampState.getId()))),
                bad("oversized log batch (" + oversized.size() + " rows, " + logsPerStatement + " per statement) with a bad "
                                + "row at " + badIndex, StratumException.class,
                        List.of("logs[" + badIndex + "] has no message", "Nothing was written"),
                        () -> db.inTransaction(session -> db.queries().bulk().insertLogs(session, oversized)), this::snapshot),
                bad("log batch outside a transaction", StratumException.class, List.of("active transaction"),
                        () -> db.sessionContext(false, false, session -> db.queries().bulk().insertLogs(session,
                                oversized.subList(0, 3))), this::snapshot),
                bad("transition of a flow run that does not exist", StratumException.class,
                        List.of("00000000-0000-0000-0000-00000000b0d1"),
                        () -> db.inTransactionForUpdate(session -> db.queries().transitions().setFlowRunState(session,
                                java.util.UUID.fromString("00000000-0000-0000-0000-00000000b0d1"),
                                new FlowRunStateEntity(StateType.RUNNING, "Running"))), this::snapshot),
                bad("model(null)", IllegalArgumentException.class, List.of("model(null)", "FlowRun.class", "models()"),
                        () -> db.model(null), this::snapshot),
                bad("model of the marker interface the catalogue cannot serve", ConfigurationException.class,
                        List.of("Unknown model io.stratum.api.model.OrmModel", "not a table's model contract", "models()"),
                        () -> db.model(OrmModel.class), this::snapshot),
                bad("model of a class that is no model contract (raw call)", ConfigurationException.class,
                        List.of("Unknown model java.lang.String", "not a table's model contract"),
                        () -> db.model(rawModel(String.class)), this::snapshot),
                bad("reopen the same database with other settings", ConfigurationException.class,
                        List.of("already open with other settings", "STRATUM_DATABASE_POOL_SIZE", "close()"),
                        () -> Stratum.open(db.settings().toBuilder().poolSize(db.settings().poolSize() + 1).build()),
                        () -> snapshot() + " same instance: " + (Stratum.open(db.settings()) == db)));
    }

    /** An input past one documented maximum: refused naming the parameter, the value and the maximum. */
    Case overBound(String parameter, long value, int maximum, Callable<?> action) {
        return bad(parameter + " of " + value + " (maximum " + maximum + ")", IllegalArgumentException.class,
                List.of(parameter, String.valueOf(value), "above the maximum of " + maximum), action, this::snapshot);
    }

    /** Every bound of the query components' input (api Javadoc: MAX_* constants), one past its maximum. */
    private List<Case> boundCases() {
        var polling = db.queries().polling();
        var helpers = db.queries().helpers();
        int maxLimit = WorkerPollRequest.MAX_LIMIT;
        EventRecord event = new EventRecord(UUID.randomUUID(), Instant.now(), "bounded",
                Map.of(EventRecord.RESOURCE_ID, "prefect.flow-run.bounded"), null, null, null, null);
        List<Map<String, String>> tooManyRelated = new ArrayList<>();
        for (int i = 0; i <= BulkWrites.MAX_RELATED_RESOURCES; i++) {
            tooManyRelated.add(Map.of(EventRecord.RESOURCE_ID, "related." + i, EventRecord.RESOURCE_ROLE, "tag"));
        }
        Map<String, String> tooManyLabels = new HashMap<>(Map.of(EventRecord.RESOURCE_ID, "prefect.flow-run.labelled"));
        while (tooManyLabels.size() <= BulkWrites.MAX_LABELS_PER_RESOURCE) {
            tooManyLabels.put("label." + tooManyLabels.size(), "x");
        }
        return List.of(
                overBound("Worker poll limit", Integer.MAX_VALUE, maxLimit, () -> db.inTransaction(session ->
                        polling.claim(session, WorkerPollRequest.builder().limit(Integer.MAX_VALUE).build()))),
                overBound("Worker poll limit", maxLimit + 1, maxLimit, () -> db.inTransaction(session ->
                        polling.claim(session, WorkerPollRequest.builder().limit(maxLimit + 1).build()))),
                overBound("Worker poll workerLimit", maxLimit + 1, maxLimit, () -> db.inTransaction(session ->
                        polling.scheduledFlowRuns(session, WorkerPollRequest.builder().workerLimit(maxLimit + 1).build()))),
                overBound("Worker poll queueLimit", maxLimit + 1, maxLimit, () -> db.inTransaction(session ->
                        polling.claim(session, WorkerPollRequest.builder().queueLimit(maxLimit + 1).build()))),
                overBound("Worker poll workPoolIds", WorkerPollRequest.MAX_IDS + 1, WorkerPollRequest.MAX_IDS,
                        () -> WorkerPollRequest.builder().workPoolIds(ids(WorkerPollRequest.MAX_IDS + 1)).build()),
                overBound("Worker poll workQueueIds", WorkerPollRequest.MAX_IDS + 1, WorkerPollRequest.MAX_IDS,
                        () -> WorkerPollRequest.builder().workQueueIds(ids(WorkerPollRequest.MAX_IDS + 1)).build()),
                overBound("Work queue poll limitPerQueue", maxLimit + 1, maxLimit, () -> db.inTransaction(session ->
                        polling.scheduledFlowRunsFromWorkQueues(session, maxLimit + 1, null, null))),
                overBound("Work queue poll workQueueIds", WorkerPollRequest.MAX_IDS + 1, WorkerPollRequest.MAX_IDS,
                        () -> db.inTransaction(session -> polling.scheduledFlowRunsFromWorkQueues(session, 1,
                                ids(WorkerPollRequest.MAX_IDS + 1), null))),
                overBound("insertLogs logs", BulkWrites.MAX_RECORDS + 1, BulkWrites.MAX_RECORDS,
                        () -> db.inTransaction(session -> db.queries().bulk().insertLogs(session, java.util.Collections.nCopies(
                                BulkWrites.MAX_RECORDS + 1, new LogRecord("bulk", 20, null, null, "line", Instant.now()))))),
                overBound("insertEvents events", BulkWrites.MAX_RECORDS + 1, BulkWrites.MAX_RECORDS,
                        () -> db.inTransaction(session -> db.queries().bulk().insertEvents(session,
                                java.util.Collections.nCopies(BulkWrites.MAX_RECORDS + 1, event)))),
                overBound("events[1].related", BulkWrites.MAX_RELATED_RESOURCES + 1, BulkWrites.MAX_RELATED_RESOURCES,
                        () -> db.inTransaction(session -> db.queries().bulk().insertEvents(session, List.of(event,
                                new EventRecord(UUID.randomUUID(), Instant.now(), "crowded", event.resource(), tooManyRelated,
                                        null, null, null))))),
                overBound("events[1].resource labels", BulkWrites.MAX_LABELS_PER_RESOURCE + 1,
                        BulkWrites.MAX_LABELS_PER_RESOURCE, () -> db.inTransaction(session -> db.queries().bulk()
                                .insertEvents(session, List.of(event, new EventRecord(UUID.randomUUID(), Instant.now(),
                                        "labelled", tooManyLabels, null, null, null, null))))),
                overBound("jsonHasAny keys", QueryHelpers.MAX_KEYS + 1, QueryHelpers.MAX_KEYS,
                        () -> helpers.jsonHasAny("flow_run.tags", keys(QueryHelpers.MAX_KEYS + 1))),
                overBound("jsonHasAll keys", QueryHelpers.MAX_KEYS + 1, QueryHelpers.MAX_KEYS,
                        () -> helpers.jsonHasAll("flow_run.tags", keys(QueryHelpers.MAX_KEYS + 1))),
                overBound("jsonContains values", QueryHelpers.MAX_KEYS + 1, QueryHelpers.MAX_KEYS,
                        () -> helpers.jsonContains("flow_run.tags", keys(QueryHelpers.MAX_KEYS + 1))),
                overBound("Concurrency slots to acquire", ConcurrencyLimits.MAX_SLOTS + 1L, ConcurrencyLimits.MAX_SLOTS,
                        () -> db.inTransaction(session -> db.queries().concurrencyLimits().acquire(session,
                                List.of(BOUNDED_LIMIT), ConcurrencyLimits.MAX_SLOTS + 1, Duration.ofMinutes(1)))),
                overBound("Concurrency limit names", ConcurrencyLimits.MAX_LIMIT_NAMES + 1, ConcurrencyLimits.MAX_LIMIT_NAMES,
                        () -> db.inTransaction(session -> db.queries().concurrencyLimits().acquire(session,
                                keys(ConcurrencyLimits.MAX_LIMIT_NAMES + 1), 1, Duration.ofMinutes(1)))));
    }

    /** The concurrency limit the bound cases acquire on (limit 1). */
    static final String BOUNDED_LIMIT = "bounded";

    /**
     * The other side of every bound: input at its maximum is taken (the database's bind-parameter limit
     * included), and changes what it should.
     */
    @Test
    void inputAtEachMaximumIsAccepted() {
        var polling = db.queries().polling();
        int maxLimit = WorkerPollRequest.MAX_LIMIT;
        WorkerPollRequest widest = WorkerPollRequest.builder().limit(maxLimit).workerLimit(maxLimit).queueLimit(maxLimit)
                .workPoolIds(ids(WorkerPollRequest.MAX_IDS)).workQueueIds(ids(WorkerPollRequest.MAX_IDS)).build();
        List<ScheduledFlowRun> claimed = db.inTransaction(session -> polling.claim(session, widest));
        assertThat(claimed).isEmpty();
        List<ScheduledFlowRun> legacy = db.inTransaction(session -> polling.scheduledFlowRunsFromWorkQueues(session,
                maxLimit, ids(WorkerPollRequest.MAX_IDS), null));
        assertThat(legacy).isEmpty();

        var helpers = db.queries().helpers();
        List<String> keys = keys(QueryHelpers.MAX_KEYS);
        for (io.stratum.api.query.SqlFragment predicate : List.of(helpers.jsonHasAny("flow_run.tags", keys),
                helpers.jsonHasAll("flow_run.tags", keys), helpers.jsonContains("flow_run.tags", keys))) {
            long matching = db.sessionContext(false, false, session -> {
                jakarta.persistence.Query query = session.createNativeQuery("SELECT count(*) FROM flow_run WHERE "
                        + predicate.sql());
                predicate.bindTo(query, 1);
                return ((Number) query.getSingleResult()).longValue();
            });
            assertThat(matching).as(predicate.sql()).isZero();
        }

        List<Map<String, String>> related = new ArrayList<>();
        for (int i = 0; i < BulkWrites.MAX_RELATED_RESOURCES; i++) {
            related.add(Map.of(EventRecord.RESOURCE_ID, "related." + i, EventRecord.RESOURCE_ROLE, "tag"));
        }
        Map<String, String> labels = new HashMap<>(Map.of(EventRecord.RESOURCE_ID, "prefect.flow-run.at-maximum"));
        while (labels.size() < BulkWrites.MAX_LABELS_PER_RESOURCE) {
            labels.put("label." + labels.size(), "x");
        }
        EventRecord atMaximum = new EventRecord(UUID.randomUUID(), Instant.now(), "at-maximum", labels, related, null,
                null, null);
        assertThat((int) db.inTransaction(session -> db.queries().bulk().insertEvents(session, List.of(atMaximum))))
                .isEqualTo(1);

        var limits = db.queries().concurrencyLimits();
        List<String> names = new ArrayList<>(keys(ConcurrencyLimits.MAX_LIMIT_NAMES - 1));
        names.add(BOUNDED_LIMIT);
        assertThat(catchThrowable(() -> db.inTransaction(session -> limits.acquire(session, names, 1, Duration.ofMinutes(1)))))
                .isInstanceOf(StratumException.class).hasMessageContaining("No concurrency limit named");
        // More slots than the limit has: denied, and counted in denied_slots without overflow.
        java.util.Optional<io.stratum.api.query.SlotLease> lease = db.inTransaction(session -> limits.acquire(session,
                List.of(BOUNDED_LIMIT), ConcurrencyLimits.MAX_SLOTS, Duration.ofMinutes(1)));
        assertThat(lease).isEmpty();
        int denied = db.sessionContext(false, false, session -> session.createQuery(
                "SELECT l.deniedSlots FROM ConcurrencyLimitV2 l WHERE l.name = :name", Integer.class)
                .setParameter("name", BOUNDED_LIMIT).getSingleResult());
        assertThat(denied).isEqualTo(ConcurrencyLimits.MAX_SLOTS);
    }

    static List<UUID> ids(int count) {
        List<UUID> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(UUID.nameUUIDFromBytes(("bound " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return ids;
    }

    static List<String> keys(int count) {
        List<String> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            keys.add("key." + i);
        }
        return keys;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Class<OrmModel> rawModel(Class<?> type) {
        return (Class) type;
    }

    /** The tables of the test database, its migration history and the row counts of the tables cases write to. */
    Object snapshot() throws SQLException {
        return snapshot(database);
    }

    static String snapshot(TestDatabase target) throws SQLException {
        StringBuilder state = new StringBuilder();
        try (Connection connection = target.connect()) {
            DatabaseMetaData meta = connection.getMetaData();
            TreeSet<String> tables = new TreeSet<>();
            try (ResultSet rows = meta.getTables(null, Dialects.POSTGRESQL.equals(target.dialect()) ? "public" : null,
                    "%", new String[] {"TABLE"})) {
                while (rows.next()) {
                    tables.add(rows.getString("TABLE_NAME"));
                }
            }
            state.append("tables ").append(tables);
            try (Statement statement = connection.createStatement()) {
                try (ResultSet rows = statement.executeQuery("SELECT installed_rank, version, success FROM "
                        + Bookkeeping.HISTORY_TABLE + " ORDER BY installed_rank")) {
                    state.append("; history");
                    while (rows.next()) {
                        state.append(' ').append(rows.getInt(1)).append('=').append(rows.getString(2)).append('/')
                                .append(rows.getString(3));
                    }
                }
                for (String table : List.of("flow", "flow_run", "flow_run_state", "deployment", "log", "events",
                        "event_resources", "concurrency_limit_v2", "concurrency_slot_lease")) {
                    try (ResultSet row = statement.executeQuery("SELECT count(*) FROM " + table)) {
                        row.next();
                        state.append("; ").append(table).append('=').append(row.getLong(1));
                    }
                }
            }
        }
        return state.toString();
    }

    String rawValue(String query) throws SQLException {
        try (Connection connection = database.connect(); PreparedStatement statement = connection.prepareStatement(query);
             ResultSet row = statement.executeQuery()) {
            return row.next() ? " value " + row.getString(1) : " no row";
        }
    }

    void execute(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            assertThat(statement.executeUpdate(sql)).as(sql).isEqualTo(1);
        }
    }

    /** A UUID as an SQL literal: text on SQLite, cast to uuid on PostgreSQL. */
    static String idLiteral(java.util.UUID id) {
        return "'" + id + "'";
    }
}
