package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.Stratum;
import io.stratum.api.StratumException;
import io.stratum.api.model.StateType;
import io.stratum.api.query.ScheduledRunInserts;
import io.stratum.orm.model.FlowEntity;
import io.stratum.orm.model.FlowRunEntity;
import io.stratum.orm.model.FlowRunStateEntity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scheduler's bulk insert of scheduled flow runs (reference {@code _insert_scheduled_flow_runs}), per dialect. */
abstract class ScheduledRunInsertsContract extends MigratedDatabaseContract {
    private static final Instant T0 = Instant.parse("2026-05-01T08:00:00.123456Z");

    private ScheduledRunInserts scheduler;
    private FlowEntity flow;

    @BeforeEach
    void createFlow() {
        scheduler = db.queries().scheduler();
        flow = new FlowEntity("scheduled-" + UUID.randomUUID());
        db.inTransaction(session -> {
            session.persist(flow);
            return null;
        });
    }

    private FlowRunEntity run(String idempotencyKey, Instant scheduledTime) {
        FlowRunEntity run = new FlowRunEntity(flow.getId());
        run.setIdempotencyKey(idempotencyKey);
        run.setNextScheduledStartTime(scheduledTime);
        run.setAutoScheduled(true);
        run.setTags(new ArrayList<>(List.of("auto-scheduled")));
        run.setParameters(new java.util.HashMap<>(Map.of("n", 1)));
        return run;
    }

    private List<UUID> insert(List<FlowRunEntity> runs) {
        return db.inTransaction(session -> scheduler.insertScheduledFlowRuns(session, runs));
    }

    @Test
    void newRunsGetScheduledStatesAndExistingRunsKeepTheirs() throws Exception {
        FlowRunEntity first = run("scheduled k1", T0.plusSeconds(3600));
        FlowRunEntity second = run("scheduled k2", T0.plusSeconds(7200));
        FlowRunEntity unkeyed = run(null, T0.plusSeconds(60));
        Instant before = Instant.now().minusSeconds(1);
        assertThat(insert(List.of(first, second, unkeyed)))
                .containsExactly(first.getId(), second.getId(), unkeyed.getId());
        for (FlowRunEntity run : List.of(first, second, unkeyed)) {
            assertScheduled(run.getId(), run.getNextScheduledStartTime(), before);
        }

        // Again with one key already stored and one key twice: only the new ones are inserted, first wins.
        FlowRunEntity again = run("scheduled k1", T0.plusSeconds(99));
        FlowRunEntity fresh = run("scheduled k4", T0.plusSeconds(10));
        FlowRunEntity repeat = run("scheduled k4", T0.plusSeconds(20));
        FlowRunEntity unkeyedAgain = run(null, T0.plusSeconds(60));
        assertThat(insert(List.of(again, fresh, repeat, unkeyedAgain))).containsExactly(fresh.getId(), unkeyedAgain.getId());
        assertThat(again.getStateId()).isNull();
        assertThat(repeat.getStateId()).isNull();
        assertScheduled(fresh.getId(), T0.plusSeconds(10), before);
        assertScheduled(unkeyedAgain.getId(), T0.plusSeconds(60), before);
        // The stored run keeps its row and its state.
        FlowRunEntity kept = db.sessionContext(false, false, session -> session.find(FlowRunEntity.class, first.getId()));
        assertThat(kept.getNextScheduledStartTime()).isEqualTo(T0.plusSeconds(3600));
        assertThat(kept.getStateId()).isEqualTo(first.getStateId());
        assertThat(text("SELECT count(*) FROM flow_run WHERE id = ?", again.getId())).isEqualTo("0");
        assertThat(text("SELECT count(*) FROM flow_run WHERE idempotency_key = 'scheduled k4'")).isEqualTo("1");
        assertThat(text("SELECT count(*) FROM flow_run_state")).isEqualTo("5");
        assertThat(insert(List.of())).isEmpty();
        // One run alone: every column but its id holds one value, as in a call whose runs all agree.
        FlowRunEntity single = run("scheduled single", T0.plusSeconds(5));
        assertThat(insert(List.of(single))).containsExactly(single.getId());
        assertScheduled(single.getId(), T0.plusSeconds(5), before);
    }

    private void assertScheduled(UUID runId, Instant scheduledTime, Instant notBefore) {
        db.sessionContext(false, false, session -> {
            FlowRunEntity run = session.find(FlowRunEntity.class, runId);
            assertThat(run.getStateType()).isEqualTo(StateType.SCHEDULED);
            assertThat(run.getStateName()).isEqualTo("Scheduled");
            assertThat(run.getNextScheduledStartTime()).isEqualTo(scheduledTime);
            assertThat(run.getExpectedStartTime()).isEqualTo(scheduledTime);
            assertThat(run.isAutoScheduled()).isTrue();
            assertThat(run.getParameters()).containsEntry("n", 1);
            List<FlowRunStateEntity> states = session.createQuery(
                    "SELECT s FROM FlowRunState s WHERE s.flowRunId = :run", FlowRunStateEntity.class)
                    .setParameter("run", runId).getResultList();
            assertThat(states).hasSize(1);
            FlowRunStateEntity state = states.get(0);
            assertThat(run.getStateId()).isEqualTo(state.getId());
            assertThat(state.getType()).isEqualTo(StateType.SCHEDULED);
            assertThat(state.getName()).isEqualTo("Scheduled");
            assertThat(state.getMessage()).isEqualTo("Flow run scheduled");
            assertThat(state.getStateDetails().scheduledTime()).isEqualTo(scheduledTime);
            assertThat(state.getTimestamp()).isAfter(notBefore);
            assertThat(run.getStateTimestamp()).isEqualTo(state.getTimestamp());
            // The state is created by the call, at its timestamp.
            assertThat(state.getCreated()).isEqualTo(state.getTimestamp());
            assertThat(state.getUpdated()).isEqualTo(state.getTimestamp());
            return null;
        });
    }

    @Test
    void insertedRunsAreClaimedByWorkersAndMoveOnFromTheirScheduledState() throws Exception {
        io.stratum.api.model.WorkPool pool = db.inTransaction(session ->
                db.queries().polling().createWorkPool(session, "scheduler-pool", "process"));
        List<FlowRunEntity> runs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            FlowRunEntity run = run("scheduled due " + i, T0.plusSeconds(i));
            run.setWorkQueueId(pool.getDefaultQueueId());
            runs.add(run);
        }
        assertThat(insert(runs)).hasSize(5);
        List<io.stratum.api.query.ScheduledFlowRun> claimed = db.inTransaction(session -> db.queries().polling()
                .claim(session, io.stratum.api.query.WorkerPollRequest.builder().workPoolIds(pool.getId())
                        .scheduledBefore(T0.plusSeconds(2)).build()));
        assertThat(claimed).extracting(c -> c.flowRun().getId())
                .containsExactly(runs.get(0).getId(), runs.get(1).getId(), runs.get(2).getId());
        assertThat(claimed).allSatisfy(c -> assertThat(c.flowRun().getStateType()).isEqualTo(StateType.PENDING));
        assertThat(text("SELECT count(*) FROM flow_run_state WHERE flow_run_id = ?", runs.get(0).getId())).isEqualTo("2");
        assertThat(text("SELECT count(*) FROM flow_run WHERE state_type = 'SCHEDULED'")).isEqualTo("2");
    }

    @Test
    void aBadRunRefusesTheWholeCallBeforeAnythingIsWritten() throws Exception {
        FlowRunEntity good = run("good", T0);
        FlowRunEntity unscheduled = run("unscheduled", null);
        assertThatThrownBy(() -> insert(List.of(good, unscheduled))).isInstanceOf(StratumException.class)
                .hasMessageContaining("runs[1]").hasMessageContaining("next_scheduled_start_time");
        FlowRunEntity flowless = run("flowless", T0);
        flowless.setFlowId(null);
        assertThatThrownBy(() -> insert(List.of(flowless))).isInstanceOf(StratumException.class)
                .hasMessageContaining("runs[0]").hasMessageContaining("flow_id");
        assertThatThrownBy(() -> insert(Collections.nCopies(ScheduledRunInserts.MAX_RUNS + 1, good)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(String.valueOf(ScheduledRunInserts.MAX_RUNS));
        assertThatThrownBy(() -> db.sessionContext(false, false, session ->
                scheduler.insertScheduledFlowRuns(session, List.of(good))))
                .isInstanceOf(StratumException.class).hasMessageContaining("active transaction");
        assertThat(text("SELECT count(*) FROM flow_run")).isEqualTo("0");
        assertThat(text("SELECT count(*) FROM flow_run_state")).isEqualTo("0");
    }

    /**
     * The INSERT statements one call sends, whatever its number of runs: PostgreSQL one (runs and states
     * together), SQLite two (a batch of runs, a batch of states; a batch is logged once).
     */
    abstract int insertStatementsPerCall();

    @Test
    void everyColumnARunSetsIsStoredAndTheOthersGetTheTableDefaults() throws Exception {
        FlowRunEntity full = run("scheduled full", T0.plusSeconds(600));
        UUID deploymentId = UUID.randomUUID();
        full.setName("nightly-full");
        full.setDeploymentId(deploymentId);
        full.setWorkQueueName("wq-a");
        full.setFlowVersion("1.2.3");
        full.setDeploymentVersion("v7");
        full.setContext(new java.util.HashMap<>(Map.of("origin", "scheduler")));
        full.setLabels(new java.util.HashMap<>(Map.of("team", "data")));
        full.setInfrastructurePid("pid-42");
        full.setJobVariables(new java.util.HashMap<>(Map.of("image", "py:3.12")));
        full.setRunCount(2);
        full.setTotalRunTime(java.time.Duration.ofSeconds(90, 250_000_000));
        full.setExpectedStartTime(T0.plusSeconds(300));
        full.setStartTime(T0.plusSeconds(301));
        full.setEndTime(T0.plusSeconds(302));
        FlowRunEntity bare = run("scheduled bare", T0.plusSeconds(900));
        bare.setAutoScheduled(false);
        bare.setTags(new ArrayList<>());
        bare.setJobVariables(null); // nullable, default '{}': a null the run holds stays null
        // Its own updated (the other run's repeats its created): each column keeps its own values.
        bare.setUpdated(bare.getCreated().plusSeconds(5));
        assertThat(insert(List.of(full, bare))).containsExactly(full.getId(), bare.getId());

        db.sessionContext(false, false, session -> {
            FlowRunEntity stored = session.find(FlowRunEntity.class, full.getId());
            assertThat(stored.getName()).isEqualTo("nightly-full");
            assertThat(stored.getDeploymentId()).isEqualTo(deploymentId);
            assertThat(stored.getWorkQueueName()).isEqualTo("wq-a");
            assertThat(stored.getFlowVersion()).isEqualTo("1.2.3");
            assertThat(stored.getDeploymentVersion()).isEqualTo("v7");
            assertThat(stored.getContext()).containsExactly(Map.entry("origin", "scheduler"));
            assertThat(stored.getLabels()).containsExactly(Map.entry("team", "data"));
            assertThat(stored.getInfrastructurePid()).isEqualTo("pid-42");
            assertThat(stored.getJobVariables()).containsExactly(Map.entry("image", "py:3.12"));
            assertThat(stored.getRunCount()).isEqualTo(2);
            assertThat(stored.getTotalRunTime()).isEqualTo(java.time.Duration.ofSeconds(90, 250_000_000));
            assertThat(stored.getExpectedStartTime()).isEqualTo(T0.plusSeconds(300));
            assertThat(stored.getStartTime()).isEqualTo(T0.plusSeconds(301));
            assertThat(stored.getEndTime()).isEqualTo(T0.plusSeconds(302));
            assertThat(stored.getTags()).containsExactly("auto-scheduled");
            assertThat(stored.getCreated()).isEqualTo(full.getCreated());
            assertThat(stored.getUpdated()).isEqualTo(full.getUpdated());
            assertThat(stored.getEmpiricalPolicy()).isEqualTo(full.getEmpiricalPolicy());

            FlowRunEntity plain = session.find(FlowRunEntity.class, bare.getId());
            assertThat(plain.isAutoScheduled()).isFalse();
            assertThat(plain.getTags()).isEmpty();
            assertThat(plain.getJobVariables()).isNull();
            assertThat(plain.getDeploymentId()).isNull();
            assertThat(plain.getWorkQueueName()).isNull();
            assertThat(plain.getLabels()).isNull();
            assertThat(plain.getStartTime()).isNull();
            assertThat(plain.getRunCount()).isZero();
            assertThat(plain.getTotalRunTime()).isEqualTo(java.time.Duration.ZERO);
            assertThat(plain.getName()).isEqualTo(bare.getName());
            assertThat(plain.getCreated()).isEqualTo(bare.getCreated());
            assertThat(plain.getUpdated()).isEqualTo(bare.getCreated().plusSeconds(5));
            assertThat(plain.getExpectedStartTime()).isEqualTo(T0.plusSeconds(900));
            return null;
        });
        assertThat(text("SELECT count(*) FROM flow_run WHERE job_variables IS NULL")).isEqualTo("1");
        assertThat(text("SELECT count(*) FROM flow_run r JOIN flow_run_state s ON s.id = r.state_id "
                + "WHERE s.flow_run_id = r.id AND s.type = 'SCHEDULED' AND r.state_type = 'SCHEDULED'")).isEqualTo("2");
    }

    @Test
    void thousandsOfRunsTakeAFixedNumberOfStatementsAndEveryRunPointsAtItsOwnState() throws Exception {
        db.close();
        db = Stratum.open(database.settings().migrateOnStart(false).echo(true).build());
        scheduler = db.queries().scheduler();
        int count = 3_000;
        List<FlowRunEntity> runs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            runs.add(run("scheduled " + i, T0.plusSeconds(i)));
        }
        long began;
        double seconds;
        List<String> statements;
        try (EchoedStatements echoed = EchoedStatements.capture()) {
            began = System.nanoTime();
            assertThat(insert(runs)).hasSize(count);
            seconds = (System.nanoTime() - began) / 1e9;
            statements = echoed.all();
        }
        System.out.printf("[%s] %,d scheduled runs inserted in one call: %.0f runs/s (%.2f s)%n", dialect().id(), count,
                count / seconds, seconds);
        assertThat(statements.stream().filter(s -> s.contains("INSERT INTO FLOW_RUN")).count())
                .as("INSERT statements of one call of %,d runs: %s", count, statements)
                .isEqualTo(insertStatementsPerCall());
        assertThat(statements.stream().filter(s -> s.startsWith("UPDATE")).count()).isZero();
        assertThat(text("SELECT count(*) FROM flow_run r JOIN flow_run_state s ON s.id = r.state_id "
                + "WHERE s.flow_run_id = r.id AND s.type = 'SCHEDULED' AND r.state_type = 'SCHEDULED'"))
                .isEqualTo(String.valueOf(count));
        // Inserting the same keys again adds nothing.
        List<FlowRunEntity> repeats = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            repeats.add(run("scheduled " + i, T0));
        }
        assertThat(insert(repeats)).isEmpty();
        assertThat(text("SELECT count(*) FROM flow_run_state")).isEqualTo(String.valueOf(count));
    }
}
