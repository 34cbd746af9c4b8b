package io.stratum.api.internal;

import io.stratum.api.Operation;
import io.stratum.api.model.Artifact;
import io.stratum.api.model.BlockDocument;
import io.stratum.api.model.BlockSchema;
import io.stratum.api.model.BlockType;
import io.stratum.api.model.ConcurrencyLimit;
import io.stratum.api.model.CsrfToken;
import io.stratum.api.model.Deployment;
import io.stratum.api.model.DeploymentSchedule;
import io.stratum.api.model.Flow;
import io.stratum.api.model.FlowRun;
import io.stratum.api.model.FlowRunState;
import io.stratum.api.model.SavedSearch;
import io.stratum.api.model.TaskRun;
import io.stratum.api.model.TaskRunState;
import io.stratum.api.model.WorkPool;
import io.stratum.api.query.ArtifactCreated;
import io.stratum.api.query.BulkWrites;
import io.stratum.api.query.ConcurrencyLimits;
import io.stratum.api.query.ConfigurationValues;
import io.stratum.api.query.Created;
import io.stratum.api.query.EventRecord;
import io.stratum.api.query.IdempotentCreates;
import io.stratum.api.query.LogRecord;
import io.stratum.api.query.NewWorkPool;
import io.stratum.api.query.QueryComponents;
import io.stratum.api.query.QueryHelpers;
import io.stratum.api.query.Retention;
import io.stratum.api.query.ScheduledRunInserts;
import io.stratum.api.query.FlowRunGraphs;
import io.stratum.api.query.PortableSql;
import io.stratum.api.query.PortableCriteria;
import io.stratum.api.query.NewWorkQueue;
import io.stratum.api.model.WorkQueue;
import io.stratum.api.query.ScheduledFlowRun;
import io.stratum.api.query.SlotLease;
import io.stratum.api.query.SqlFragment;
import io.stratum.api.query.StateTransitions;
import io.stratum.api.query.TimeInterval;
import io.stratum.api.query.TransitionResult;
import io.stratum.api.query.TransitionOutcome;
import io.stratum.api.query.ProposedState;
import io.stratum.api.query.WorkerPollRequest;
import io.stratum.api.query.WorkerPolling;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Expression;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The query components as {@code db.queries()} hands them out: each operation timed for the {@link
 * OperationListeners}, and called straight through, unmeasured, while nobody listens. Building blocks that
 * run no statement (SQL fragments, cache eviction) are not timed.
 */
final class InstrumentedQueryComponents implements QueryComponents {
    private final QueryComponents delegate;
    private final StateTransitions transitions;
    private final IdempotentCreates creates;
    private final WorkerPolling polling;
    private final BulkWrites bulk;
    private final ConcurrencyLimits concurrencyLimits;
    private final ConfigurationValues configuration;
    private final QueryHelpers helpers;
    private final ScheduledRunInserts scheduler;
    private final FlowRunGraphs flowRunGraphs;
    private final Retention retention;

    InstrumentedQueryComponents(QueryComponents delegate, OperationListeners listeners) {
        this.delegate = delegate;
        this.transitions = new Transitions(delegate.transitions(), listeners);
        this.creates = new Creates(delegate.creates(), listeners);
        this.polling = new Polling(delegate.polling(), listeners);
        this.bulk = new Bulk(delegate.bulk(), listeners);
        this.concurrencyLimits = new Limits(delegate.concurrencyLimits(), listeners);
        this.configuration = new Configuration(delegate.configuration(), listeners);
        this.helpers = new Helpers(delegate.helpers(), listeners);
        ScheduledRunInserts inserts = delegate.scheduler();
        this.scheduler = (session, runs) -> listeners.none() ? inserts.insertScheduledFlowRuns(session, runs)
                : listeners.time(Operation.SCHEDULED_INSERTS, () -> inserts.insertScheduledFlowRuns(session, runs));
        FlowRunGraphs graphs = delegate.flowRunGraphs();
        this.flowRunGraphs = (session, flowRunId, since, maxNodes, maxArtifacts) -> listeners.none()
                ? graphs.graph(session, flowRunId, since, maxNodes, maxArtifacts)
                : listeners.time(Operation.FLOW_RUN_GRAPH, () -> graphs.graph(session, flowRunId, since, maxNodes, maxArtifacts));
        Retention cleaner = delegate.retention();
        this.retention = request -> {
            refuseInsideSessionContext("retention().clean", "it commits every batch in a transaction of its own",
                    "nothing was deleted");
            return listeners.none() ? cleaner.clean(request)
                    : listeners.time(Operation.RETENTION_CLEAN, () -> cleaner.clean(request));
        };
    }

    /**
     * A clean commits each batch in a transaction of its own. Called inside the caller's transaction it
     * could not keep that promise: its batches would wait behind the caller's locks (on SQLite the caller's
     * write lock, until the busy timeout), and a pool of one would have no connection left for them.
     */
    private static void refuseInsideSessionContext(String call, String why, String outcome) {
        if (PoolAcquisitions.insideSessionContext()) {
            throw new IllegalStateException(call + " was called inside a transaction (inTransaction, "
                    + "inTransactionForUpdate, inReadOnlyTransaction or sessionContext): " + why + ", which it cannot "
                    + "do inside yours. Call it outside any session context; " + outcome + ".");
        }
    }

    @Override
    public Retention retention() {
        return retention;
    }

    @Override
    public ScheduledRunInserts scheduler() {
        return scheduler;
    }

    @Override
    public FlowRunGraphs flowRunGraphs() {
        return flowRunGraphs;
    }

    /** The components underneath, unmeasured. */
    QueryComponents delegate() {
        return delegate;
    }

    @Override
    public StateTransitions transitions() {
        return transitions;
    }

    @Override
    public IdempotentCreates creates() {
        return creates;
    }

    @Override
    public WorkerPolling polling() {
        return polling;
    }

    @Override
    public BulkWrites bulk() {
        return bulk;
    }

    @Override
    public ConcurrencyLimits concurrencyLimits() {
        return concurrencyLimits;
    }

    @Override
    public ConfigurationValues configuration() {
        return configuration;
    }

    @Override
    public QueryHelpers helpers() {
        return helpers;
    }

    private static final class Transitions implements StateTransitions {
        private static final String ALONE = "it commits the transition in a transaction of its own, waiting for "
                + "the run's lock";
        private static final String NOT_WRITTEN = "nothing was written (or pass your session to write it in your "
                + "transaction)";
        private final StateTransitions delegate;
        private final OperationListeners listeners;

        Transitions(StateTransitions delegate, OperationListeners listeners) {
            this.delegate = delegate;
            this.listeners = listeners;
        }

        @Override
        public TransitionResult setFlowRunState(EntityManager session, UUID flowRunId, FlowRunState state) {
            if (listeners.none()) {
                return delegate.setFlowRunState(session, flowRunId, state);
            }
            return listeners.time(Operation.TRANSITION, () -> delegate.setFlowRunState(session, flowRunId, state));
        }

        @Override
        public TransitionResult setTaskRunState(EntityManager session, UUID taskRunId, TaskRunState state) {
            if (listeners.none()) {
                return delegate.setTaskRunState(session, taskRunId, state);
            }
            return listeners.time(Operation.TRANSITION, () -> delegate.setTaskRunState(session, taskRunId, state));
        }

        @Override
        public TransitionResult setFlowRunState(UUID flowRunId, FlowRunState state) {
            refuseInsideSessionContext("transitions().setFlowRunState(flowRunId, state)", ALONE, NOT_WRITTEN);
            if (listeners.none()) {
                return delegate.setFlowRunState(flowRunId, state);
            }
            return listeners.time(Operation.TRANSITION, () -> delegate.setFlowRunState(flowRunId, state));
        }

        @Override
        public TransitionResult setTaskRunState(UUID taskRunId, TaskRunState state) {
            refuseInsideSessionContext("transitions().setTaskRunState(taskRunId, state)", ALONE, NOT_WRITTEN);
            if (listeners.none()) {
                return delegate.setTaskRunState(taskRunId, state);
            }
            return listeners.time(Operation.TRANSITION, () -> delegate.setTaskRunState(taskRunId, state));
        }

        @Override
        public List<TransitionOutcome> setFlowRunStates(EntityManager session,
                                                        List<ProposedState<FlowRunState>> transitions) {
            if (listeners.none()) {
                return delegate.setFlowRunStates(session, transitions);
            }
            return listeners.time(Operation.BULK_TRANSITION, () -> delegate.setFlowRunStates(session, transitions));
        }

        @Override
        public List<TransitionOutcome> setTaskRunStates(EntityManager session,
                                                        List<ProposedState<TaskRunState>> transitions) {
            if (listeners.none()) {
                return delegate.setTaskRunStates(session, transitions);
            }
            return listeners.time(Operation.BULK_TRANSITION, () -> delegate.setTaskRunStates(session, transitions));
        }
    }

    private static final class Creates implements IdempotentCreates {
        private final IdempotentCreates delegate;
        private final OperationListeners listeners;

        Creates(IdempotentCreates delegate, OperationListeners listeners) {
            this.delegate = delegate;
            this.listeners = listeners;
        }

        private <T> T time(java.util.function.Supplier<T> work) {
            return listeners.time(Operation.IDEMPOTENT_CREATE, work);
        }

        @Override
        public Created<Flow> createFlow(EntityManager session, Flow flow) {
            if (listeners.none()) {
                return delegate.createFlow(session, flow);
            }
            return time(() -> delegate.createFlow(session, flow));
        }

        @Override
        public Created<FlowRun> createFlowRun(EntityManager session, FlowRun run, FlowRunState initialState) {
            if (listeners.none()) {
                return delegate.createFlowRun(session, run, initialState);
            }
            return time(() -> delegate.createFlowRun(session, run, initialState));
        }

        @Override
        public Created<TaskRun> createTaskRun(EntityManager session, TaskRun run, TaskRunState initialState) {
            if (listeners.none()) {
                return delegate.createTaskRun(session, run, initialState);
            }
            return time(() -> delegate.createTaskRun(session, run, initialState));
        }

        @Override
        public Created<Deployment> createDeployment(EntityManager session, Deployment deployment,
                                                    List<? extends DeploymentSchedule> schedules) {
            if (listeners.none()) {
                return delegate.createDeployment(session, deployment, schedules);
            }
            return time(() -> delegate.createDeployment(session, deployment, schedules));
        }

        @Override
        public Created<Deployment> createDeployment(EntityManager session, Deployment deployment,
                                                    Set<String> providedColumns,
                                                    List<? extends DeploymentSchedule> schedules) {
            if (listeners.none()) {
                return delegate.createDeployment(session, deployment, providedColumns, schedules);
            }
            return time(() -> delegate.createDeployment(session, deployment, providedColumns, schedules));
        }

        @Override
        public Created<BlockType> createBlockType(EntityManager session, BlockType blockType) {
            if (listeners.none()) {
                return delegate.createBlockType(session, blockType);
            }
            return time(() -> delegate.createBlockType(session, blockType));
        }

        @Override
        public Created<BlockSchema> createBlockSchema(EntityManager session, BlockSchema blockSchema) {
            if (listeners.none()) {
                return delegate.createBlockSchema(session, blockSchema);
            }
            return time(() -> delegate.createBlockSchema(session, blockSchema));
        }

        @Override
        public Created<BlockDocument> createBlockDocument(EntityManager session, BlockDocument blockDocument) {
            if (listeners.none()) {
                return delegate.createBlockDocument(session, blockDocument);
            }
            return time(() -> delegate.createBlockDocument(session, blockDocument));
        }

        @Override
        public Created<SavedSearch> createSavedSearch(EntityManager session, SavedSearch savedSearch) {
            if (listeners.none()) {
                return delegate.createSavedSearch(session, savedSearch);
            }
            return time(() -> delegate.createSavedSearch(session, savedSearch));
        }

        @Override
        public ArtifactCreated createArtifact(EntityManager session, Artifact artifact) {
            if (listeners.none()) {
                return delegate.createArtifact(session, artifact);
            }
            return time(() -> delegate.createArtifact(session, artifact));
        }

        @Override
        public boolean deleteArtifact(EntityManager session, UUID artifactId) {
            if (listeners.none()) {
                return delegate.deleteArtifact(session, artifactId);
            }
            return listeners.time(Operation.DELETE_ARTIFACT, () -> delegate.deleteArtifact(session, artifactId));
        }

        @Override
        public Created<ConcurrencyLimit> createConcurrencyLimit(EntityManager session, ConcurrencyLimit limit) {
            if (listeners.none()) {
                return delegate.createConcurrencyLimit(session, limit);
            }
            return time(() -> delegate.createConcurrencyLimit(session, limit));
        }

        @Override
        public Created<CsrfToken> createCsrfToken(EntityManager session, CsrfToken token) {
            if (listeners.none()) {
                return delegate.createCsrfToken(session, token);
            }
            return time(() -> delegate.createCsrfToken(session, token));
        }
    }

    private static final class Polling implements WorkerPolling {
        private final WorkerPolling delegate;
        private final OperationListeners listeners;

        Polling(WorkerPolling delegate, OperationListeners listeners) {
            this.delegate = delegate;
            this.listeners = listeners;
        }

        @Override
        public List<ScheduledFlowRun> scheduledFlowRuns(EntityManager session, WorkerPollRequest request) {
            if (listeners.none()) {
                return delegate.scheduledFlowRuns(session, request);
            }
            return listeners.time(Operation.SCHEDULED_FLOW_RUNS, () -> delegate.scheduledFlowRuns(session, request));
        }

        @Override
        public List<ScheduledFlowRun> claim(EntityManager session, WorkerPollRequest request) {
            if (listeners.none()) {
                return delegate.claim(session, request);
            }
            return listeners.time(Operation.CLAIM, () -> delegate.claim(session, request));
        }

        @Override
        public List<ScheduledFlowRun> scheduledFlowRunsFromWorkQueues(EntityManager session, Integer limitPerQueue,
                                                                      Collection<UUID> workQueueIds,
                                                                      Instant scheduledBefore) {
            if (listeners.none()) {
                return delegate.scheduledFlowRunsFromWorkQueues(session, limitPerQueue, workQueueIds, scheduledBefore);
            }
            return listeners.time(Operation.SCHEDULED_FLOW_RUNS, () ->
                    delegate.scheduledFlowRunsFromWorkQueues(session, limitPerQueue, workQueueIds, scheduledBefore));
        }

        @Override
        public WorkPool createWorkPool(EntityManager session, NewWorkPool pool) {
            if (listeners.none()) {
                return delegate.createWorkPool(session, pool);
            }
            return listeners.time(Operation.CREATE_WORK_POOL, () -> delegate.createWorkPool(session, pool));
        }

        @Override
        public SqlFragment scheduledFlowRunsFromWorkQueuesQuery(Integer limitPerQueue, Collection<UUID> workQueueIds,
                Instant scheduledBefore) {
            return delegate.scheduledFlowRunsFromWorkQueuesQuery(limitPerQueue, workQueueIds, scheduledBefore);
        }

        @Override
        public WorkQueue createWorkQueue(EntityManager session, NewWorkQueue queue) {
            if (listeners.none()) {
                return delegate.createWorkQueue(session, queue);
            }
            return listeners.time(Operation.CREATE_WORK_QUEUE, () -> delegate.createWorkQueue(session, queue));
        }
    }

    private static final class Bulk implements BulkWrites {
        private final BulkWrites delegate;
        private final OperationListeners listeners;

        Bulk(BulkWrites delegate, OperationListeners listeners) {
            this.delegate = delegate;
            this.listeners = listeners;
        }

        @Override
        public int insertLogs(EntityManager session, List<LogRecord> logs) {
            if (listeners.none()) {
                return delegate.insertLogs(session, logs);
            }
            return listeners.time(Operation.BULK_LOGS, () -> delegate.insertLogs(session, logs));
        }

        @Override
        public int insertEvents(EntityManager session, List<EventRecord> events) {
            if (listeners.none()) {
                return delegate.insertEvents(session, events);
            }
            return listeners.time(Operation.BULK_EVENTS, () -> delegate.insertEvents(session, events));
        }

        @Override
        public int logsPerStatement() {
            return delegate.logsPerStatement();
        }
    }

    private static final class Limits implements ConcurrencyLimits {
        private final ConcurrencyLimits delegate;
        private final OperationListeners listeners;

        Limits(ConcurrencyLimits delegate, OperationListeners listeners) {
            this.delegate = delegate;
            this.listeners = listeners;
        }

        @Override
        public Optional<SlotLease> acquire(EntityManager session, Collection<String> limitNames, int slots,
                                           Duration ttl) {
            if (listeners.none()) {
                return delegate.acquire(session, limitNames, slots, ttl);
            }
            return listeners.time(Operation.ACQUIRE_SLOTS, () -> delegate.acquire(session, limitNames, slots, ttl));
        }

        @Override
        public boolean release(EntityManager session, UUID leaseId) {
            if (listeners.none()) {
                return delegate.release(session, leaseId);
            }
            return listeners.time(Operation.RELEASE_SLOTS, () -> delegate.release(session, leaseId));
        }

        @Override
        public boolean renew(EntityManager session, UUID leaseId, Duration ttl) {
            if (listeners.none()) {
                return delegate.renew(session, leaseId, ttl);
            }
            return listeners.time(Operation.RENEW_SLOTS, () -> delegate.renew(session, leaseId, ttl));
        }

        @Override
        public int expireLeases(EntityManager session, Instant now) {
            if (listeners.none()) {
                return delegate.expireLeases(session, now);
            }
            return listeners.time(Operation.EXPIRE_LEASES, () -> delegate.expireLeases(session, now));
        }
    }

    private static final class Configuration implements ConfigurationValues {
        private final ConfigurationValues delegate;
        private final OperationListeners listeners;

        Configuration(ConfigurationValues delegate, OperationListeners listeners) {
            this.delegate = delegate;
            this.listeners = listeners;
        }

        @Override
        public Optional<Map<String, Object>> read(EntityManager session, String key) {
            if (listeners.none()) {
                return delegate.read(session, key);
            }
            return listeners.time(Operation.CONFIGURATION_READ, () -> delegate.read(session, key));
        }

        @Override
        public void write(EntityManager session, String key, Map<String, Object> value) {
            if (listeners.none()) {
                delegate.write(session, key, value);
                return;
            }
            listeners.time(Operation.CONFIGURATION_WRITE, () -> {
                delegate.write(session, key, value);
                return null;
            });
        }

        @Override
        public boolean delete(EntityManager session, String key) {
            if (listeners.none()) {
                return delegate.delete(session, key);
            }
            return listeners.time(Operation.CONFIGURATION_WRITE, () -> delegate.delete(session, key));
        }

        @Override
        public void evict(String key) {
            delegate.evict(key);
        }

        @Override
        public ConfigurationValues withCacheTtl(Duration ttl) {
            return new Configuration(delegate.withCacheTtl(ttl), listeners);
        }
    }

    private static final class Helpers implements QueryHelpers {
        private final QueryHelpers delegate;
        private final OperationListeners listeners;

        Helpers(QueryHelpers delegate, OperationListeners listeners) {
            this.delegate = delegate;
            this.listeners = listeners;
        }

        @Override
        public List<TimeInterval> timestampIntervals(EntityManager session, Instant start, Instant end,
                                                     Duration interval) {
            if (listeners.none()) {
                return delegate.timestampIntervals(session, start, end, interval);
            }
            return listeners.time(Operation.TIMESTAMP_INTERVALS,
                    () -> delegate.timestampIntervals(session, start, end, interval));
        }

        @Override
        public SqlFragment timestampIntervalsQuery(Instant start, Instant end, Duration interval) {
            return delegate.timestampIntervalsQuery(start, end, interval);
        }

        @Override
        public SqlFragment jsonText(String jsonExpression, String key) {
            return delegate.jsonText(jsonExpression, key);
        }

        @Override
        public SqlFragment jsonContains(String jsonExpression, Collection<?> values) {
            return delegate.jsonContains(jsonExpression, values);
        }

        @Override
        public SqlFragment jsonHasAny(String jsonExpression, Collection<String> keys) {
            return delegate.jsonHasAny(jsonExpression, keys);
        }

        @Override
        public SqlFragment jsonHasAll(String jsonExpression, Collection<String> keys) {
            return delegate.jsonHasAll(jsonExpression, keys);
        }

        @Override
        public Expression<Double> epochSeconds(CriteriaBuilder cb, Expression<?> timestampOrInterval) {
            return delegate.epochSeconds(cb, timestampOrInterval);
        }

        @Override
        public boolean usesJsonStrings() {
            return delegate.usesJsonStrings();
        }

        @Override
        public PortableSql sql() {
            return delegate.sql();
        }

        @Override
        public PortableCriteria criteria(CriteriaBuilder cb) {
            return delegate.criteria(cb);
        }
    }
}
