package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.api.ConfigurationException;
import io.stratum.api.DatabaseInterface;
import io.stratum.api.DatabaseSettings;
import io.stratum.api.DialectNotFoundException;
import io.stratum.api.Stratum;
import io.stratum.api.model.FlowRun;
import io.stratum.api.model.StateType;
import io.stratum.orm.model.FlowEntity;
import io.stratum.orm.model.FlowRunEntity;
import io.stratum.orm.model.FlowRunStateEntity;
import io.stratum.orm.model.TaskRunEntity;
import io.stratum.orm.model.TaskRunStateEntity;
import io.stratum.orm.types.FlowRunPolicy;
import io.stratum.orm.types.RetryType;
import io.stratum.orm.types.StateDetails;
import jakarta.persistence.LockModeType;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The database interface's behaviour, run once per dialect by the subclasses. Each test gets its own
 * database.
 */
abstract class DatabaseInterfaceContract extends FreshDatabaseContract {

    @Test
    void persistsQueriesCascadesDowngradesDropsAndRecreates() throws Exception {
        DatabaseInterface db = open(database.settings().migrateOnStart(true).build());
        assertThat(db.dialect()).isEqualTo(database.dialect());
        assertThat(db.migrations().current()).contains(db.migrations().newest().id());

        Instant scheduled = Instant.parse("2026-01-02T03:04:05.123456Z");
        FlowEntity flow = new FlowEntity("etl");
        flow.setTags(List.of("nightly", "prod"));
        flow.setLabels(Map.of("team", "data", "priority", 3));
        FlowRunEntity run = new FlowRunEntity(flow.getId());
        run.setParameters(Map.of("date", "2026-01-02", "retries", 2));
        run.setEmpiricalPolicy(new FlowRunPolicy(3, 1.5, 0, 10, List.of(), false, RetryType.RESCHEDULE));
        run.setTotalRunTime(Duration.ofSeconds(90, 250_000_000));
        List<FlowRunStateEntity> states = List.of(
                state(StateType.SCHEDULED, "Scheduled", scheduled.minusSeconds(60)),
                state(StateType.PENDING, "Pending", scheduled.minusSeconds(30)),
                state(StateType.RUNNING, "Running", scheduled));
        states.get(0).setStateDetails(StateDetails.empty().withScheduledTime(scheduled));
        TaskRunEntity task = new TaskRunEntity(run.getId(), "extract", "0");
        TaskRunStateEntity taskState = new TaskRunStateEntity(StateType.COMPLETED, "Completed");

        db.inTransaction(session -> {
            session.persist(flow);
            session.persist(run);
            for (FlowRunStateEntity state : states) {
                run.setState(state);
                session.persist(state);
            }
            run.setStateType(StateType.RUNNING);
            run.setStateName("Running");
            session.persist(task);
            task.setState(taskState);
            session.persist(taskState);
            return null;
        });

        db.sessionContext(false, false, session -> {
            FlowRunEntity read = session.find(FlowRunEntity.class, run.getId());
            assertThat(read.getStateId()).isEqualTo(states.get(2).getId());
            assertThat(read.getStateType()).isEqualTo(StateType.RUNNING);
            assertThat(read.getParameters()).containsEntry("date", "2026-01-02").containsEntry("retries", 2);
            assertThat(read.getEmpiricalPolicy().retryType()).isEqualTo(RetryType.RESCHEDULE);
            assertThat(read.getTotalRunTime()).isEqualTo(Duration.ofSeconds(90, 250_000_000));
            assertThat(read.getCreated()).isEqualTo(run.getCreated());
            FlowEntity readFlow = session.find(FlowEntity.class, flow.getId());
            assertThat(readFlow.getTags()).containsExactly("nightly", "prod");
            assertThat(readFlow.getLabels()).containsEntry("priority", 3);
            List<FlowRunStateEntity> history = session.createQuery(
                    "SELECT s FROM FlowRunState s WHERE s.flowRunId = :run ORDER BY s.timestamp", FlowRunStateEntity.class)
                    .setParameter("run", run.getId()).getResultList();
            assertThat(history).extracting(FlowRunStateEntity::getType)
                    .containsExactly(StateType.SCHEDULED, StateType.PENDING, StateType.RUNNING);
            assertThat(history.get(2).getTimestamp()).isEqualTo(scheduled);
            assertThat(history.get(0).getStateDetails().scheduledTime()).isEqualTo(scheduled);
            TaskRunEntity readTask = session.find(TaskRunEntity.class, task.getId());
            assertThat(readTask.getStateId()).isEqualTo(taskState.getId());
            return null;
        });
        assertStoredUtcMicros(run.getId(), scheduled);

        // The flow's delete cascades in the database to its runs, their states and task runs.
        db.inTransaction(session -> {
            session.remove(session.find(FlowEntity.class, flow.getId()));
            return null;
        });
        assertThat(count("flow_run")).isZero();
        assertThat(count("flow_run_state")).isZero();
        assertThat(count("task_run")).isZero();
        assertThat(count("task_run_state")).isZero();

        db.runMigrationsDowngrade("base");
        assertThat(db.migrations().current()).isEmpty();
        assertThat(userTables()).containsOnly("stratum_schema_history");

        db.dropDb();
        assertThat(objectCount()).isZero();

        db.createDb();
        assertThat(db.migrations().current()).contains(db.migrations().newest().id());
        assertThat(userTables()).contains("flow", "flow_run", "flow_run_state", "task_run", "task_run_state",
                "deployment_version", "stratum_schema_history");
    }

    @Test
    void downgradeStepsBackOneRevisionByDefault() {
        DatabaseInterface db = open(database.settings().migrateOnStart(true).build());
        List<String> ids = db.migrations().revisions().stream().map(r -> r.id()).toList();
        db.runMigrationsDowngrade();
        assertThat(db.migrations().current()).contains(ids.get(ids.size() - 2));
        db.runMigrationsUpgrade();
        assertThat(db.migrations().current()).contains(ids.get(ids.size() - 1));
        db.runMigrationsDowngrade(ids.get(0));
        assertThat(db.migrations().current()).contains(ids.get(0));
    }

    @Test
    void sameKeyGivesSameInstanceAndConflictingSettingsAreRefused() {
        DatabaseSettings settings = database.settings().build();
        DatabaseInterface first = open(settings);
        assertThat(Stratum.open(database.settings().build())).isSameAs(first);
        assertThatThrownBy(() -> Stratum.open(database.settings().poolSize(2).build()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("STRATUM_DATABASE_POOL_SIZE")
                .hasMessageContaining("already open");
        first.close();
        DatabaseInterface second = open(database.settings().poolSize(2).build());
        assertThat(second).isNotSameAs(first);
    }

    @Test
    void forUpdateTransactionsOnOneRunAreSerialised() throws Exception {
        DatabaseInterface db = open(database.settings().migrateOnStart(true).build());
        FlowEntity flow = new FlowEntity("serial");
        FlowRunEntity run = new FlowRunEntity(flow.getId());
        db.inTransaction(session -> {
            session.persist(flow);
            session.persist(run);
            return null;
        });
        CountDownLatch firstHoldsLock = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> first = pool.submit(() -> db.inTransactionForUpdate(session -> {
                FlowRunEntity locked = session.find(FlowRunEntity.class, run.getId(), LockModeType.PESSIMISTIC_WRITE);
                int seen = locked.getRunCount();
                firstHoldsLock.countDown();
                Thread.sleep(300);
                locked.setRunCount(seen + 1);
                return seen;
            }));
            assertThat(firstHoldsLock.await(10, TimeUnit.SECONDS)).isTrue();
            Future<Integer> second = pool.submit(() -> db.inTransactionForUpdate(session -> {
                FlowRunEntity locked = session.find(FlowRunEntity.class, run.getId(), LockModeType.PESSIMISTIC_WRITE);
                int seen = locked.getRunCount();
                locked.setRunCount(seen + 1);
                return seen;
            }));
            assertThat(first.get(20, TimeUnit.SECONDS)).isZero();
            assertThat(second.get(20, TimeUnit.SECONDS)).as("second transaction sees the first's write").isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        int finalCount = db.sessionContext(false, false,
                session -> session.find(FlowRunEntity.class, run.getId()).getRunCount());
        assertThat(finalCount).isEqualTo(2);
    }

    @Test
    void modelAccessorsReturnEntityClasses() {
        DatabaseInterface db = open(database.settings().build());
        assertThat(db.flow()).isEqualTo(FlowEntity.class);
        assertThat(db.flowRun()).isEqualTo(FlowRunEntity.class);
        assertThat(db.flowRunState()).isEqualTo(FlowRunStateEntity.class);
        assertThat(db.taskRun()).isEqualTo(TaskRunEntity.class);
        assertThat(db.taskRunState()).isEqualTo(TaskRunStateEntity.class);
        assertThat(FlowRun.class).isAssignableFrom(db.flowRun());
        // The reference's 35 ORM properties: Base and one per table.
        assertThat(db.base()).isEqualTo(io.stratum.orm.model.BaseEntity.class);
        assertThat(db.models()).hasSize(34);
        for (Class<? extends io.stratum.api.model.OrmModel> contract : db.models()) {
            Class<?> entity = db.model(contract);
            assertThat(contract).isAssignableFrom(entity);
            assertThat(db.base()).isAssignableFrom(entity);
        }
        assertThat(db.agent()).isEqualTo(io.stratum.orm.model.AgentEntity.class);
        assertThat(db.eventResource()).isEqualTo(io.stratum.orm.model.EventResourceEntity.class);
    }

    @Test
    void passwordNeverAppearsInToStringOrErrors() {
        String secret = "s3cret-" + UUID.randomUUID();
        DatabaseSettings settings = database.settings().password(secret).build();
        assertThat(settings.toString()).doesNotContain(secret).contains("password=***");
        DatabaseSettings inUrl = database.settings().url(settings.url() + "?password=" + secret).build();
        assertThat(inUrl.toString()).doesNotContain(secret);
        assertThat(inUrl.redactedUrl()).doesNotContain(secret);
    }

    @Test
    void unknownUrlSchemeNamesTheSupportedDialects() {
        assertThatThrownBy(() -> Stratum.open(DatabaseSettings.builder()
                .url("jdbc:mysql://127.0.0.1:3306/x").build()))
                .isInstanceOf(DialectNotFoundException.class)
                .hasMessageContaining("jdbc:mysql:")
                .hasMessageContaining("stratum-dialect-postgres")
                .hasMessageContaining("stratum-dialect-sqlite");
    }

    @Test
    void isDbConnectableIsTrueForALiveDatabase() {
        // Migrated first: on SQLite a file that was never created is no database (isDbConnectable creates nothing).
        DatabaseInterface db = open(database.settings().migrateOnStart(true).build());
        assertThat(db.isDbConnectable()).isTrue();
    }

    protected FlowRunStateEntity state(StateType type, String name, Instant timestamp) {
        FlowRunStateEntity state = new FlowRunStateEntity(type, name);
        state.setTimestamp(timestamp);
        return state;
    }

    /** Checks the raw stored form: UTC with microseconds. */
    abstract void assertStoredUtcMicros(UUID runId, Instant expectedRunningTimestamp) throws Exception;

    protected long count(String table) throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT count(*) FROM " + table)) {
            row.next();
            return row.getLong(1);
        }
    }

    /** Tables in the database's schema. */
    abstract List<String> userTables() throws Exception;

    /** Every object left in the schema: relations, types, extensions (PostgreSQL) or sqlite_master rows. */
    abstract long objectCount() throws Exception;

    static int closedLoopbackPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static Instant truncated(Instant value) {
        return value.truncatedTo(ChronoUnit.MICROS);
    }

    static boolean isPostgres(TestDatabase database) {
        return Dialects.POSTGRESQL.equals(database.dialect());
    }
}
