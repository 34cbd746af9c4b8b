package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.Dialect;
import io.stratum.api.SchemaStatus;
import io.stratum.api.Stratum;
import io.stratum.api.model.StateType;
import io.stratum.api.query.ScheduledFlowRun;
import io.stratum.api.query.TransitionResult;
import io.stratum.api.query.WorkerPollRequest;
import io.stratum.api.spi.DialectProvider;
import io.stratum.orm.model.FlowEntity;
import io.stratum.orm.model.FlowRunEntity;
import io.stratum.orm.types.FlowRunPolicy;
import java.lang.reflect.Method;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Dialects are open: the test dialect module ({@code stratum-test-dialect}, test scope only) serves
 * PostgreSQL under its own URL prefix and dialect id, and works with api, orm-models and migrations
 * unchanged: it opens, migrates, runs a state transition and claims scheduled runs.
 */
class PluggedDialectPostgresTest {
    private static final String PREFIX = "jdbc:stratum-test-pg:";

    private PostgresTestDatabase database;
    private DatabaseInterface db;

    @BeforeEach
    void open() {
        database = new PostgresTestDatabase();
        String url = PREFIX + database.url().substring("jdbc:postgresql:".length());
        db = Stratum.open(database.settings().url(url).migrateOnStart(true).build());
    }

    @AfterEach
    void close() {
        db.close();
        database.close();
    }

    /** A wrapper that missed a method would silently answer with the interface's default, not PostgreSQL's. */
    @Test
    void theTestDialectAnswersEveryProviderQuestionItself() {
        Class<?> wrapper = ServiceLoader.load(DialectProvider.class).stream()
                .filter(provider -> provider.get().dialect().id().equals("stratum-test-pg")).findFirst()
                .orElseThrow().type();
        List<String> inherited = new ArrayList<>();
        for (Method method : DialectProvider.class.getMethods()) {
            try {
                wrapper.getDeclaredMethod(method.getName(), method.getParameterTypes());
            } catch (NoSuchMethodException e) {
                if (!method.getName().equals("accepts")) {
                    inherited.add(method.getName());
                }
            }
        }
        assertThat(inherited).as("DialectProvider methods TestPostgresDialect does not delegate").isEmpty();
    }

    @Test
    void opensAsItsOwnDialectOnThePostgresSchema() {
        Dialect dialect = db.dialect();
        assertThat(dialect.id()).isEqualTo("stratum-test-pg");
        assertThat(dialect.urlPrefixes()).containsExactly(PREFIX);
        assertThat(dialect.schemaFamily()).isEqualTo(Dialects.POSTGRESQL.schemaFamily());
        assertThat(dialect).isNotEqualTo(Dialects.POSTGRESQL);
        assertThat(db.isDbConnectable()).isTrue();
    }

    @Test
    void migratesToThePostgresHeadAndMatchesTheModel() {
        SchemaStatus status = db.migrations().status();
        assertThat(status.state()).isEqualTo(SchemaStatus.State.UP_TO_DATE);
        assertThat(status.current()).contains(status.newest());
        assertThat(db.verifySchema().problems()).isEmpty();

        db.migrations().downgrade("-1");
        assertThat(db.migrations().status().state()).isEqualTo(SchemaStatus.State.BEHIND);
        db.migrations().upgrade("head");
        assertThat(db.migrations().status().state()).isEqualTo(SchemaStatus.State.UP_TO_DATE);
    }

    @Test
    void transitionsAFlowRun() {
        FlowEntity flow = new FlowEntity("plugged");
        FlowRunEntity run = new FlowRunEntity(flow.getId());
        run.setEmpiricalPolicy(FlowRunPolicy.empty());
        db.inTransaction(session -> {
            session.persist(flow);
            session.persist(run);
            return null;
        });
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MICROS);
        db.inTransactionForUpdate(session -> db.queries().transitions()
                .setFlowRunState(session, run.getId(), TransitionsContract.flowState(StateType.PENDING, t0)));
        TransitionResult running = db.inTransactionForUpdate(session -> db.queries().transitions()
                .setFlowRunState(session, run.getId(), TransitionsContract.flowState(StateType.RUNNING, t0.plusSeconds(5))));

        assertThat(running.stateType()).isEqualTo(StateType.RUNNING);
        assertThat(running.runCount()).isEqualTo(1);
        assertThat(running.startTime()).isEqualTo(t0.plusSeconds(5));
    }

    @Test
    void claimsScheduledRunsOnce() {
        new WorkerPollingFixture().create(db);
        List<ScheduledFlowRun> claimed = db.inTransactionForUpdate(session ->
                db.queries().polling().claim(session, WorkerPollRequest.builder().limit(10).build()));
        List<ScheduledFlowRun> again = db.inTransactionForUpdate(session ->
                db.queries().polling().claim(session, WorkerPollRequest.builder().limit(10).build()));

        assertThat(claimed).hasSize(10);
        assertThat(claimed).allSatisfy(run -> assertThat(run.flowRun().getStateType()).isEqualTo(StateType.PENDING));
        assertThat(again).extracting(run -> run.flowRun().getId())
                .doesNotContainAnyElementsOf(claimed.stream().map(run -> run.flowRun().getId()).toList());
    }
}
