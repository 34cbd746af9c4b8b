package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stratum.api.model.StateType;
import io.stratum.orm.model.FlowEntity;
import io.stratum.orm.model.FlowRunEntity;
import io.stratum.orm.model.RunEntity;
import io.stratum.orm.model.RunExpressions;
import io.stratum.orm.model.TaskRunEntity;
import jakarta.persistence.Tuple;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Root;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * The denormalised run helpers of reference 4.2 inside queries: ordering and filtering by
 * {@code estimated_run_time} and {@code estimated_start_time_delta} give what the entities compute.
 */
abstract class RunExpressionsContract extends MigratedDatabaseContract {
    /** SQLite's date functions resolve milliseconds. */
    private static final double SECONDS_TOLERANCE = 0.002;
    private static final Instant NOW = Instant.parse("2026-05-06T07:08:09.123456Z");

    /** Runs whose two estimates all differ from each other, so an order by either is unambiguous. */
    private List<FlowRunEntity> runs;

    private FlowRunEntity run(FlowEntity flow, StateType type, Instant stateTimestamp, Duration total,
                              Instant expectedStart, Instant start) {
        FlowRunEntity run = new FlowRunEntity(flow.getId());
        run.setStateType(type);
        run.setStateTimestamp(stateTimestamp);
        run.setTotalRunTime(total);
        run.setExpectedStartTime(expectedStart);
        run.setStartTime(start);
        return run;
    }

    private void writeRuns() {
        FlowEntity flow = new FlowEntity("estimates");
        runs = List.of(
                // running for 100 s after 30.5 s before; started 10 s late
                run(flow, StateType.RUNNING, NOW.minusSeconds(100), Duration.ofMillis(30_500),
                        NOW.minusSeconds(200), NOW.minusSeconds(190)),
                // finished: its total only; never started yet terminal, so not late
                run(flow, StateType.COMPLETED, NOW.minusSeconds(5), Duration.ofSeconds(50), NOW.minusSeconds(400), null),
                // scheduled 300.25 s ago and not started: late by that much
                run(flow, StateType.SCHEDULED, NOW.minusSeconds(300), Duration.ZERO, NOW.minusMillis(300_250), null),
                // running 1.000001 s; started before expected: not late
                run(flow, StateType.RUNNING, NOW.minus(Duration.ofSeconds(1, 1_000)), Duration.ofMillis(500),
                        NOW.minusSeconds(50), NOW.minusSeconds(60)),
                // no state yet, expected 20 s ago: late (a run without state is not terminal)
                run(flow, null, null, Duration.ofMillis(1_250), NOW.minusSeconds(20), null),
                // pending, expected in the future: not late
                run(flow, StateType.PENDING, NOW.minusSeconds(1), Duration.ofMillis(2_500), NOW.plusSeconds(60), null));
        db.inTransaction(session -> {
            session.persist(flow);
            runs.forEach(session::persist);
            return null;
        });
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    /** Each run's id and the expression's value, ordered by the expression (descending) in the database. */
    private Map<UUID, Double> orderedBy(BiFunction<CriteriaBuilder, Root<FlowRunEntity>, Expression<Double>> expression,
                                        Double moreThan) {
        return db.sessionContext(false, false, session -> {
            CriteriaBuilder cb = session.getCriteriaBuilder();
            CriteriaQuery<Tuple> query = cb.createTupleQuery();
            Root<FlowRunEntity> run = query.from(FlowRunEntity.class);
            Expression<Double> value = expression.apply(cb, run);
            query.multiselect(run.get("id"), value).orderBy(cb.desc(value));
            if (moreThan != null) {
                query.where(cb.greaterThan(value, moreThan));
            }
            Map<UUID, Double> result = new LinkedHashMap<>();
            for (Tuple row : session.createQuery(query).getResultList()) {
                result.put(row.get(0, UUID.class), ((Number) row.get(1)).doubleValue());
            }
            return result;
        });
    }

    private void assertMatchesEntities(Map<UUID, Double> fromDatabase, java.util.function.Function<RunEntity, Duration> java,
                                       double moreThan) {
        List<FlowRunEntity> expected = runs.stream().filter(run -> seconds(java.apply(run)) > moreThan)
                .sorted(Comparator.comparingDouble((FlowRunEntity run) -> seconds(java.apply(run))).reversed()).toList();
        assertThat(fromDatabase.keySet()).containsExactlyElementsOf(expected.stream().map(RunEntity::getId).toList());
        for (FlowRunEntity run : expected) {
            assertThat(fromDatabase.get(run.getId())).as("run %s", run.getId())
                    .isCloseTo(seconds(java.apply(run)), within(SECONDS_TOLERANCE));
        }
    }

    @Test
    void ordersAndFiltersByEstimatedRunTime() {
        writeRuns();
        assertMatchesEntities(orderedBy((cb, run) -> RunExpressions.estimatedRunTime(cb, run, NOW, db.queries().helpers()), null),
                run -> run.estimatedRunTime(NOW), Double.NEGATIVE_INFINITY);
        assertMatchesEntities(orderedBy((cb, run) -> RunExpressions.estimatedRunTime(cb, run, NOW, db.queries().helpers()), 2.0),
                run -> run.estimatedRunTime(NOW), 2.0);
    }

    @Test
    void ordersAndFiltersByEstimatedStartTimeDelta() {
        writeRuns();
        Map<UUID, Double> all = orderedBy(
                (cb, run) -> RunExpressions.estimatedStartTimeDelta(cb, run, NOW, db.queries().helpers()), -1.0);
        assertThat(all).hasSize(runs.size());
        Map<UUID, Double> late = orderedBy(
                (cb, run) -> RunExpressions.estimatedStartTimeDelta(cb, run, NOW, db.queries().helpers()), 0.0);
        assertMatchesEntities(late, run -> run.estimatedStartTimeDelta(NOW), 0.0);
        assertThat(late).hasSize(3);
        runs.stream().filter(run -> !late.containsKey(run.getId()))
                .forEach(run -> assertThat(all.get(run.getId())).as("run %s", run.getId()).isZero());
    }

    @Test
    void worksOnTaskRunsToo() {
        FlowEntity flow = new FlowEntity("tasks");
        FlowRunEntity flowRun = new FlowRunEntity(flow.getId());
        TaskRunEntity task = new TaskRunEntity(flowRun.getId(), "extract", "0");
        task.setStateType(StateType.RUNNING);
        task.setStateTimestamp(NOW.minusSeconds(42));
        task.setTotalRunTime(Duration.ofSeconds(8));
        db.inTransaction(session -> {
            session.persist(flow);
            session.persist(flowRun);
            session.persist(task);
            return null;
        });
        double estimated = db.sessionContext(false, false, session -> {
            CriteriaBuilder cb = session.getCriteriaBuilder();
            CriteriaQuery<Double> query = cb.createQuery(Double.class);
            Root<TaskRunEntity> root = query.from(TaskRunEntity.class);
            query.select(RunExpressions.estimatedRunTime(cb, root, NOW, db.queries().helpers()));
            return ((Number) session.createQuery(query).getSingleResult()).doubleValue();
        });
        assertThat(estimated).isCloseTo(50.0, within(SECONDS_TOLERANCE));
    }
}
