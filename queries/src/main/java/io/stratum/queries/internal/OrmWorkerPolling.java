package io.stratum.queries.internal;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.Dialect;
import io.stratum.api.StratumException;
import io.stratum.api.model.WorkPool;
import io.stratum.api.model.WorkQueue;
import io.stratum.api.query.NewWorkPool;
import io.stratum.api.query.NewWorkQueue;
import io.stratum.api.query.ScheduledFlowRun;
import io.stratum.api.query.SqlFragment;
import io.stratum.api.query.WorkerPollRequest;
import io.stratum.api.query.WorkerPolling;
import io.stratum.api.spi.InputBounds;
import io.stratum.api.spi.PollingSql;
import io.stratum.orm.model.FlowRunEntity;
import io.stratum.orm.types.Timestamps;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;

/** Worker polling over the dialect's {@link PollingSql}; binding, limits and claiming are shared. */
final class OrmWorkerPolling implements WorkerPolling {
    /** The claim statement's columns: pool id, queue id, limited, then the run's (see PollingSql). */
    private static final int CLAIMED_RUN_FIRST_COLUMN = 4;
    private final Dialect dialect;
    private final DialectSql dialectSql;
    private final PollingSql sql;
    private final SessionReads reads;
    private final RowInserts rowInserts;

    OrmWorkerPolling(DatabaseInterface database, DialectSql dialectSql) {
        this.dialect = database.dialect();
        this.dialectSql = dialectSql;
        this.sql = dialectSql.polling();
        this.reads = new SessionReads(database, dialectSql);
        this.rowInserts = new RowInserts(dialect, dialectSql);
    }

    @Override
    public List<ScheduledFlowRun> scheduledFlowRuns(EntityManager session, WorkerPollRequest request) {
        Objects.requireNonNull(request, "request");
        List<PolledRun> polled = reads.query(session, "Polling work pools", workPoolQuery(request, true), this::polledRun);
        return withFlowRuns(session, polled);
    }

    /**
     * Where the dialect claims in one statement, that statement (which also finds and locks the limited
     * pools and queues in scope; only when there are any, a second one counts their free slots with those
     * locks held); elsewhere the count of limited pools and queues, the poll (counting slots only when
     * there are any) and the writes of {@link PendingClaims}, which return the moved runs.
     * Why the locks: concurrency limits count the runs in PENDING or RUNNING, which claims create, so two
     * claimers counting at once would both see the same free slots. Locked, they take turns, and the
     * statement counting slots after the locks sees what the previous claimer committed (READ COMMITTED
     * takes a new snapshot per statement). Without limits nothing is counted, and claimers never wait.
     */
    @Override
    public List<ScheduledFlowRun> claim(EntityManager session, WorkerPollRequest request) {
        Objects.requireNonNull(request, "request");
        TransactionSql transaction = TransactionSql.of(session, dialectSql, "claiming scheduled flow runs");
        Instant now = Timestamps.now();
        if (sql.claimFromWorkPools(request, false).isPresent()) {
            ClaimedRows claimed = claimInOneStatement(session, transaction, request, false, now);
            if (claimed.limited()) {
                claimed = claimInOneStatement(session, transaction, request, true, now);
            }
            return claimed.runs();
        }
        boolean limited = countLimitedPoolsAndQueues(transaction, request) > 0;
        NamedSql.Bound poll = workPoolQuery(request, limited);
        List<PolledRun> polled = transaction.query(poll.sql(), this::polledRun, poll.parameters().toArray());
        if (polled.isEmpty()) {
            return List.of();
        }
        return scheduled(polled, PendingClaims.moveToPending(session, transaction, dialect, rowInserts, polled, now));
    }

    /** The claimed runs, in poll order, and whether limits kept the statement from claiming (see PollingSql). */
    private record ClaimedRows(List<ScheduledFlowRun> runs, boolean limited) {
    }

    /**
     * The statement returns each claimed run whole, as its update left it, so the runs are built from its
     * rows ({@link ReturnedEntities}) and not read again: a claim is this statement and the commit.
     */
    private ClaimedRows claimInOneStatement(EntityManager session, TransactionSql transaction,
                                            WorkerPollRequest request, boolean countSlots, Instant now) {
        Map<String, Object> values = pollValues(request);
        values.put("now", now);
        values.put("now_after", now.plus(1, ChronoUnit.MICROS));
        NamedSql.Bound claim = bound(sql.claimFromWorkPools(request, countSlots).orElseThrow(), values);
        ReturnedEntities<FlowRunEntity> flowRuns = new ReturnedEntities<>(session, FlowRunEntity.class,
                CLAIMED_RUN_FIRST_COLUMN);
        List<ScheduledFlowRun> runs = new ArrayList<>();
        boolean[] limited = new boolean[1];
        var storage = dialectSql.values();
        transaction.query(claim.sql(), row -> {
            limited[0] |= row.getLong(3) > 0;
            FlowRunEntity run = flowRuns.read(row);
            if (run != null) {
                runs.add(new ScheduledFlowRun(storage.readUuid(row, 1), storage.readUuid(row, 2), run));
            }
            return null;
        }, claim.parameters().toArray());
        return new ClaimedRows(List.copyOf(runs), limited[0]);
    }

    private long countLimitedPoolsAndQueues(TransactionSql transaction, WorkerPollRequest request) {
        Map<String, Object> values = new HashMap<>();
        putFilters(values, request);
        NamedSql.Bound count = bound(sql.limitedPoolsAndQueues(values.containsKey("work_pool_ids"),
                values.containsKey("work_queue_ids")), values);
        return transaction.query(count.sql(), row -> row.getLong(1), count.parameters().toArray()).get(0);
    }

    @Override
    public List<ScheduledFlowRun> scheduledFlowRunsFromWorkQueues(EntityManager session, Integer limitPerQueue,
                                                                  Collection<UUID> workQueueIds,
                                                                  Instant scheduledBefore) {
        NamedSql.Bound query = workQueueQuery(limitPerQueue, workQueueIds, scheduledBefore);
        List<PolledRun> polled = reads.query(session, "Polling work queues", query, this::polledRun);
        return withFlowRuns(session, polled);
    }

    @Override
    public SqlFragment scheduledFlowRunsFromWorkQueuesQuery(Integer limitPerQueue, Collection<UUID> workQueueIds,
                                                            Instant scheduledBefore) {
        NamedSql.Bound query = workQueueQuery(limitPerQueue, workQueueIds, scheduledBefore);
        return new SqlFragment(query.sql(), query.parameters());
    }

    private NamedSql.Bound workQueueQuery(Integer limitPerQueue, Collection<UUID> workQueueIds, Instant scheduledBefore) {
        if (limitPerQueue != null && limitPerQueue < 0) {
            throw new StratumException("Work queue poll limitPerQueue is " + limitPerQueue + ": use 0 or more, or "
                    + "null for no limit.");
        }
        if (limitPerQueue != null) {
            InputBounds.requireAtMost("Work queue poll limitPerQueue", limitPerQueue, WorkerPollRequest.MAX_LIMIT,
                    "poll again for more runs");
        }
        InputBounds.requireSizeAtMost("Work queue poll workQueueIds", workQueueIds, WorkerPollRequest.MAX_IDS,
                "poll fewer queues at a time");
        if (workQueueIds != null && workQueueIds.stream().anyMatch(Objects::isNull)) {
            throw new StratumException("Work queue poll workQueueIds contains null; pass only ids (or none for no filter).");
        }
        boolean filterQueues = workQueueIds != null && !workQueueIds.isEmpty();
        Map<String, Object> values = new HashMap<>();
        // No limit is the largest accepted, so one query text serves both cases and no call loads every run.
        values.put("limit_per_queue", limitPerQueue == null ? WorkerPollRequest.MAX_LIMIT : limitPerQueue);
        if (filterQueues) {
            values.put("work_queue_ids", new TreeSet<>(workQueueIds));
        }
        if (scheduledBefore != null) {
            values.put("scheduled_before", Timestamps.micros(scheduledBefore));
        }
        return bound(sql.scheduledRunsFromWorkQueues(filterQueues, scheduledBefore != null), values);
    }

    @Override
    public WorkPool createWorkPool(EntityManager session, NewWorkPool pool) {
        Objects.requireNonNull(pool, "pool");
        return WorkPools.create(session, pool);
    }

    @Override
    public WorkQueue createWorkQueue(EntityManager session, NewWorkQueue queue) {
        Objects.requireNonNull(queue, "queue");
        return WorkQueues.create(session, dialectSql, queue);
    }

    /**
     * The request's query. The pool and queue limits are capped at {@code limit}: each queue and pool
     * contributes a prefix of its own order to the final one, so larger limits only lock (on
     * PostgreSQL) runs that are never returned, keeping them from other pollers.
     */
    private NamedSql.Bound workPoolQuery(WorkerPollRequest request, boolean countSlots) {
        return bound(sql.scheduledRunsFromWorkPools(request, countSlots), pollValues(request));
    }

    private static Map<String, Object> pollValues(WorkerPollRequest request) {
        int limit = request.effectiveLimit();
        Map<String, Object> values = new HashMap<>();
        values.put("limit", limit);
        values.put("worker_limit", Math.min(request.effectiveWorkerLimit(), limit));
        values.put("queue_limit", Math.min(request.effectiveQueueLimit(), limit));
        putFilters(values, request);
        if (request.scheduledBefore() != null) {
            values.put("scheduled_before", Timestamps.micros(request.scheduledBefore()));
        }
        if (request.scheduledAfter() != null) {
            // Stored times have microseconds: the first one not before the bound is the bound rounded up.
            values.put("scheduled_after", ceilMicros(request.scheduledAfter()));
        }
        return values;
    }

    private static void putFilters(Map<String, Object> values, WorkerPollRequest request) {
        // Sorted, so equal requests produce equal statements.
        if (!request.workPoolIds().isEmpty()) {
            values.put("work_pool_ids", new TreeSet<>(request.workPoolIds()));
        }
        if (!request.workQueueIds().isEmpty()) {
            values.put("work_queue_ids", new TreeSet<>(request.workQueueIds()));
        }
    }

    private NamedSql.Bound bound(String text, Map<String, Object> values) {
        NamedSql.Bound bound = NamedSql.bind(text, values);
        if (bound.parameters().size() > dialect.maxQueryParameters()) {
            throw new StratumException("A poll filtering on so many pool and queue ids needs "
                    + bound.parameters().size() + " bind parameters, more than the " + dialect.maxQueryParameters()
                    + " " + dialect.id() + " accepts; poll with fewer ids at a time.");
        }
        return bound;
    }

    private PolledRun polledRun(java.sql.ResultSet row) throws java.sql.SQLException {
        var values = dialectSql.values();
        return new PolledRun(values.readUuid(row, 1), values.readUuid(row, 2), values.readUuid(row, 3),
                values.readTimestamp(row, 4));
    }

    private List<ScheduledFlowRun> withFlowRuns(EntityManager session, List<PolledRun> polled) {
        if (polled.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = new ArrayList<>(polled.size());
        polled.forEach(run -> ids.add(run.runId()));
        return scheduled(polled, FlowRunLoader.byId(session, dialect, ids));
    }

    private static List<ScheduledFlowRun> scheduled(List<PolledRun> polled, Map<UUID, FlowRunEntity> runs) {
        List<ScheduledFlowRun> result = new ArrayList<>(polled.size());
        for (PolledRun run : polled) {
            result.add(new ScheduledFlowRun(run.workPoolId(), run.workQueueId(), runs.get(run.runId())));
        }
        return List.copyOf(result);
    }

    private static Instant ceilMicros(Instant value) {
        Instant floor = value.truncatedTo(ChronoUnit.MICROS);
        return floor.equals(value) ? floor : floor.plus(1, ChronoUnit.MICROS);
    }
}
