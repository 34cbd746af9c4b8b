package io.stratum.it;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.model.StateType;
import io.stratum.api.query.WorkerPolling;
import io.stratum.orm.model.FlowEntity;
import io.stratum.orm.model.FlowRunEntity;
import io.stratum.orm.model.FlowRunStateEntity;
import io.stratum.orm.model.WorkPoolEntity;
import io.stratum.orm.model.WorkQueueEntity;
import io.stratum.orm.types.FlowRunPolicy;
import io.stratum.orm.types.RetryType;
import io.stratum.orm.types.StateDetails;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The reference's polling fixture (tests/server/database/test_queries.py): pools A, B, C (each with its
 * default queue), queues AA…CC (priorities 2, 3, 4 within a pool), and per queue one RUNNING, one
 * PENDING and five SCHEDULED runs at {@code base} + 3, 2, 1, 0, -1 hours (inserted in that order, so the
 * database order is not the answer).
 */
final class WorkerPollingFixture {
    final Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    final FlowEntity flow = new FlowEntity("polled");
    final Map<String, UUID> pools = new LinkedHashMap<>();
    final Map<String, UUID> queues = new LinkedHashMap<>();

    WorkerPollingFixture create(DatabaseInterface db) {
        WorkerPolling polling = db.queries().polling();
        db.inTransaction(session -> {
            session.persist(flow);
            for (String pool : List.of("A", "B", "C")) {
                UUID poolId = polling.createWorkPool(session, pool, "process").getId();
                pools.put(pool, poolId);
                int priority = 2;
                for (String suffix : List.of("A", "B", "C")) {
                    WorkQueueEntity queue = queue(poolId, pool + suffix, priority++);
                    session.persist(queue);
                    queues.put(queue.getName(), queue.getId());
                }
            }
            return null;
        });
        db.inTransaction(session -> {
            for (UUID queue : queues.values()) {
                run(session, queue, StateType.RUNNING, null, null);
                run(session, queue, StateType.PENDING, null, null);
                for (int hours = 3; hours >= -1; hours--) {
                    run(session, queue, StateType.SCHEDULED, base.plus(hours, ChronoUnit.HOURS), null);
                }
            }
            return null;
        });
        return this;
    }

    static WorkQueueEntity queue(UUID poolId, String name, int priority) {
        WorkQueueEntity queue = new WorkQueueEntity();
        queue.setWorkPoolId(poolId);
        queue.setName(name);
        queue.setPriority(priority);
        return queue;
    }

    /** A run in the queue with its one state; SCHEDULED runs carry their scheduled time. */
    FlowRunEntity run(EntityManager session, UUID queueId, StateType type, Instant scheduled, RetryType retryType) {
        FlowRunEntity run = new FlowRunEntity(flow.getId());
        run.setWorkQueueId(queueId);
        if (retryType != null) {
            run.setEmpiricalPolicy(new FlowRunPolicy(null, null, null, null, null, null, retryType));
        }
        Instant stateTime = base.minus(2, ChronoUnit.DAYS);
        FlowRunStateEntity state = new FlowRunStateEntity(type, name(type));
        state.setTimestamp(stateTime);
        if (scheduled != null) {
            state.setStateDetails(StateDetails.empty().withScheduledTime(scheduled));
            run.setNextScheduledStartTime(scheduled);
            run.setExpectedStartTime(scheduled);
        }
        run.setStateType(type);
        run.setStateName(name(type));
        run.setStateTimestamp(stateTime);
        session.persist(run);
        run.setState(state);
        session.persist(state);
        return run;
    }

    static String name(StateType type) {
        String lower = type.name().toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }

    /**
     * Inserts {@code count} SCHEDULED runs (with their states) spread over the queues, with plain JDBC
     * batches on a pooled connection: the entity path is too slow for tens of thousands.
     * {@code toJdbc} turns UUIDs and Instants into what the dialect's driver accepts.
     */
    static List<UUID> insertScheduledRuns(DatabaseInterface db, UUID flowId, List<UUID> queueIds, int count,
                                          Instant firstScheduled, UnaryOperator<Object> toJdbc) throws Exception {
        List<UUID> ids = new ArrayList<>(count);
        Instant stateTime = firstScheduled.minus(1, ChronoUnit.DAYS);
        try (Connection connection = db.engine().dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement runs = connection.prepareStatement("INSERT INTO flow_run (id, name, state_type, "
                    + "state_name, state_timestamp, expected_start_time, next_scheduled_start_time, flow_id, state_id, "
                    + "work_queue_id) VALUES (?, ?, 'SCHEDULED', 'Scheduled', ?, ?, ?, ?, ?, ?)");
                 PreparedStatement states = connection.prepareStatement("INSERT INTO flow_run_state (id, flow_run_id, "
                         + "type, \"timestamp\", name) VALUES (?, ?, 'SCHEDULED', ?, 'Scheduled')")) {
                for (int i = 0; i < count; i++) {
                    UUID runId = UUID.randomUUID();
                    UUID stateId = UUID.randomUUID();
                    Instant scheduled = firstScheduled.plus(Duration.ofMillis(i));
                    ids.add(runId);
                    runs.setObject(1, toJdbc.apply(runId));
                    runs.setString(2, "run-" + i);
                    runs.setObject(3, toJdbc.apply(stateTime));
                    runs.setObject(4, toJdbc.apply(scheduled));
                    runs.setObject(5, toJdbc.apply(scheduled));
                    runs.setObject(6, toJdbc.apply(flowId));
                    runs.setObject(7, toJdbc.apply(stateId));
                    runs.setObject(8, toJdbc.apply(queueIds.get(i % queueIds.size())));
                    runs.addBatch();
                    states.setObject(1, toJdbc.apply(stateId));
                    states.setObject(2, toJdbc.apply(runId));
                    states.setObject(3, toJdbc.apply(stateTime));
                    states.addBatch();
                    if (i % 1000 == 999) {
                        runs.executeBatch();
                        states.executeBatch();
                    }
                }
                runs.executeBatch();
                states.executeBatch();
            }
            connection.commit();
        }
        return ids;
    }

    static WorkPoolEntity pool(EntityManager session, UUID id) {
        return session.find(WorkPoolEntity.class, id);
    }
}
