package io.stratum.queries.internal;

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
import io.stratum.api.model.StateType;
import io.stratum.api.model.TaskRun;
import io.stratum.api.model.TaskRunState;
import io.stratum.api.query.ArtifactCreated;
import io.stratum.api.query.Created;
import io.stratum.api.query.IdempotentCreates;
import io.stratum.api.query.StateTransitions;
import io.stratum.orm.model.ArtifactCollectionEntity;
import io.stratum.orm.model.ArtifactEntity;
import io.stratum.orm.model.BaseEntity;
import io.stratum.orm.model.BlockDocumentEntity;
import io.stratum.orm.model.BlockSchemaEntity;
import io.stratum.orm.model.BlockTypeEntity;
import io.stratum.orm.model.ConcurrencyLimitEntity;
import io.stratum.orm.model.CsrfTokenEntity;
import io.stratum.orm.model.DeploymentEntity;
import io.stratum.orm.model.DeploymentScheduleEntity;
import io.stratum.orm.model.FlowEntity;
import io.stratum.orm.model.FlowRunEntity;
import io.stratum.orm.model.SavedSearchEntity;
import io.stratum.orm.model.TaskRunEntity;
import io.stratum.orm.types.Timestamps;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The reference's upserts (see {@link IdempotentCreates}), over {@link Upserts}. */
final class UpsertingCreates implements IdempotentCreates {
    /** Never changed by a deployment upsert: the row's identity and creation (as the reference excludes them). */
    private static final Set<String> DEPLOYMENT_FIXED = Set.of("id", "created", "created_by", "flow_id", "name");

    private final DialectSql dialect;
    private final Upserts upserts = new Upserts(new EntityTable.Cache());
    private final StateTransitions transitions;
    private final ArtifactDeletes artifactDeletes;

    UpsertingCreates(DialectSql dialect, StateTransitions transitions) {
        this.dialect = dialect;
        this.transitions = transitions;
        this.artifactDeletes = new ArtifactDeletes(dialect);
    }

    @Override
    public Created<Flow> createFlow(EntityManager session, Flow flow) {
        FlowEntity entity = Upserts.requireNew(session, flow, FlowEntity.class, "db.flow()");
        return keepExisting(session, "creating flow " + entity.getName(), entity, List.of("name"));
    }

    @Override
    public Created<FlowRun> createFlowRun(EntityManager session, FlowRun run, FlowRunState initialState) {
        FlowRunEntity entity = Upserts.requireNew(session, run, FlowRunEntity.class, "db.flowRun()");
        List<String> key = List.of("flow_id", "idempotency_key");
        TransactionSql sql = TransactionSql.of(session, dialect, "creating flow run " + entity.getId());
        boolean created = upserts.upsert(sql, session, entity, key, null) == 1;
        if (created && initialState != null) {
            transitions.setFlowRunState(session, entity.getId(), initialState);
        }
        return new Created<>(upserts.load(session, entity, key), created);
    }

    @Override
    public Created<TaskRun> createTaskRun(EntityManager session, TaskRun run, TaskRunState initialState) {
        TaskRunEntity entity = Upserts.requireNew(session, run, TaskRunEntity.class, "db.taskRun()");
        List<String> key = List.of("flow_run_id", "task_key", "dynamic_key");
        TransactionSql sql = TransactionSql.of(session, dialect, "creating task run " + entity.getId());
        boolean created;
        if (entity.getFlowRunId() == null) {
            // NULLs never collide in the unique index, so the key is kept unique here: one transaction at a
            // time looks for the row and inserts it when missing.
            sql.lockKey(keyHash("task_run", entity.getTaskKey(), entity.getDynamicKey()));
            List<TaskRunEntity> existing = session.createQuery("SELECT t FROM TaskRun t WHERE t.flowRunId IS NULL "
                            + "AND t.taskKey = :taskKey AND t.dynamicKey = :dynamicKey", TaskRunEntity.class)
                    .setParameter("taskKey", entity.getTaskKey()).setParameter("dynamicKey", entity.getDynamicKey())
                    .setHint("eclipselink.refresh", "true").getResultList();
            if (!existing.isEmpty()) {
                return new Created<>(existing.get(0), false);
            }
            upserts.insert(sql, session, entity);
            created = true;
        } else {
            created = upserts.upsert(sql, session, entity, key, null) == 1;
        }
        if (created && initialState != null) {
            transitions.setTaskRunState(session, entity.getId(), initialState);
        }
        return new Created<>(created ? upserts.loadById(session, entity) : upserts.load(session, entity, key), created);
    }

    @Override
    public Created<Deployment> createDeployment(EntityManager session, Deployment deployment,
                                                List<? extends DeploymentSchedule> schedules) {
        return createDeployment(session, deployment, null, schedules);
    }

    @Override
    public Created<Deployment> createDeployment(EntityManager session, Deployment deployment, Set<String> providedColumns,
                                                List<? extends DeploymentSchedule> schedules) {
        DeploymentEntity entity = Upserts.requireNew(session, deployment, DeploymentEntity.class, "db.deployment()");
        List<DeploymentScheduleEntity> newSchedules = new ArrayList<>();
        for (DeploymentSchedule schedule : schedules == null ? List.<DeploymentSchedule>of() : schedules) {
            newSchedules.add(Upserts.requireNew(session, schedule, DeploymentScheduleEntity.class, "db.deploymentSchedule()"));
        }
        EntityTable table = upserts.table(session, entity);
        List<String> update = new ArrayList<>();
        if (providedColumns == null) {
            table.columnsExcept(DEPLOYMENT_FIXED).forEach(column -> update.add(column.name()));
        } else {
            table.requireColumns(providedColumns);
            Set<String> provided = new HashSet<>(providedColumns);
            provided.removeAll(DEPLOYMENT_FIXED);
            table.columns().stream().filter(column -> provided.contains(column.name()))
                    .forEach(column -> update.add(column.name()));
        }
        List<String> key = List.of("flow_id", "name");
        TransactionSql sql = TransactionSql.of(session, dialect, "creating deployment " + entity.getName());
        upserts.upsert(sql, session, entity, key, update);
        DeploymentEntity row = upserts.load(session, entity, key);

        // Runs scheduled from the old configuration go; the scheduler makes new ones (as the reference does).
        sql.update("DELETE FROM flow_run WHERE deployment_id = ? AND state_type = ? AND state_name <> ? "
                        + "AND run_count = 0 AND auto_scheduled = ? AND next_scheduled_start_time > ?",
                row.getId(), StateType.SCHEDULED, "AwaitingConcurrencySlot", true, Timestamps.now());
        sql.update("DELETE FROM deployment_schedule WHERE deployment_id = ?", row.getId());
        for (DeploymentScheduleEntity schedule : newSchedules) {
            schedule.setDeploymentId(row.getId());
            upserts.insert(sql, session, schedule);
        }
        return new Created<>(row, row.getId().equals(entity.getId()));
    }

    @Override
    public Created<BlockType> createBlockType(EntityManager session, BlockType blockType) {
        BlockTypeEntity entity = Upserts.requireNew(session, blockType, BlockTypeEntity.class, "db.blockType()");
        return keepExisting(session, "creating block type " + entity.getSlug(), entity, List.of("slug"));
    }

    @Override
    public Created<BlockSchema> createBlockSchema(EntityManager session, BlockSchema blockSchema) {
        BlockSchemaEntity entity = Upserts.requireNew(session, blockSchema, BlockSchemaEntity.class, "db.blockSchema()");
        return keepExisting(session, "creating block schema " + entity.getChecksum(), entity,
                List.of("checksum", "version"));
    }

    @Override
    public Created<BlockDocument> createBlockDocument(EntityManager session, BlockDocument blockDocument) {
        BlockDocumentEntity entity = Upserts.requireNew(session, blockDocument, BlockDocumentEntity.class,
                "db.blockDocument()");
        return keepExisting(session, "creating block document " + entity.getName(), entity,
                List.of("block_type_id", "name"));
    }

    @Override
    public Created<SavedSearch> createSavedSearch(EntityManager session, SavedSearch savedSearch) {
        SavedSearchEntity entity = Upserts.requireNew(session, savedSearch, SavedSearchEntity.class, "db.savedSearch()");
        return updateExisting(session, "creating saved search " + entity.getName(), entity, List.of("name"),
                List.of("filters"));
    }

    @Override
    public ArtifactCreated createArtifact(EntityManager session, Artifact artifact) {
        ArtifactEntity entity = Upserts.requireNew(session, artifact, ArtifactEntity.class, "db.artifact()");
        TransactionSql sql = TransactionSql.of(session, dialect, "creating artifact " + entity.getId());
        upserts.insert(sql, session, entity);
        if (entity.getKey() == null) {
            return new ArtifactCreated(upserts.loadById(session, entity), null, false);
        }
        ArtifactCollectionEntity collection = new ArtifactCollectionEntity();
        collection.setKey(entity.getKey());
        collection.setLatestId(entity.getId());
        collection.setTaskRunId(entity.getTaskRunId());
        collection.setFlowRunId(entity.getFlowRunId());
        collection.setType(entity.getType());
        collection.setData(entity.getData());
        collection.setDescription(entity.getDescription());
        collection.setMetadata(entity.getMetadata());
        List<String> key = List.of("key");
        upserts.upsert(sql, session, collection, key, List.of("latest_id", "task_run_id", "flow_run_id", "type",
                "data", "description", "metadata_"));
        ArtifactCollectionEntity row = upserts.load(session, collection, key);
        return new ArtifactCreated(upserts.loadById(session, entity), row, row.getId().equals(collection.getId()));
    }

    @Override
    public boolean deleteArtifact(EntityManager session, java.util.UUID artifactId) {
        return artifactDeletes.delete(session, artifactId);
    }

    @Override
    public Created<ConcurrencyLimit> createConcurrencyLimit(EntityManager session, ConcurrencyLimit limit) {
        ConcurrencyLimitEntity entity = Upserts.requireNew(session, limit, ConcurrencyLimitEntity.class,
                "db.concurrencyLimit()");
        return updateExisting(session, "creating concurrency limit " + entity.getTag(), entity, List.of("tag"),
                List.of("concurrency_limit"));
    }

    @Override
    public Created<CsrfToken> createCsrfToken(EntityManager session, CsrfToken token) {
        CsrfTokenEntity entity = Upserts.requireNew(session, token, CsrfTokenEntity.class, "db.csrfToken()");
        return updateExisting(session, "creating the csrf token of " + entity.getClient(), entity, List.of("client"),
                List.of("token", "expiration"));
    }

    private <M, E extends BaseEntity> Created<M> keepExisting(EntityManager session, String operation, E entity,
                                                              List<String> key) {
        TransactionSql sql = TransactionSql.of(session, dialect, operation);
        boolean created = upserts.upsert(sql, session, entity, key, null) == 1;
        @SuppressWarnings("unchecked")
        M row = (M) upserts.load(session, entity, key);
        return new Created<>(row, created);
    }

    private <M, E extends BaseEntity> Created<M> updateExisting(EntityManager session, String operation, E entity,
                                                                List<String> key, List<String> update) {
        TransactionSql sql = TransactionSql.of(session, dialect, operation);
        upserts.upsert(sql, session, entity, key, update);
        E row = upserts.load(session, entity, key);
        @SuppressWarnings("unchecked")
        M model = (M) row;
        return new Created<>(model, row.getId().equals(entity.getId()));
    }

    /** A 64-bit FNV-1a hash of the parts; a collision only serialises two unrelated creates. */
    static long keyHash(String... parts) {
        long hash = 0xcbf29ce484222325L;
        for (String part : parts) {
            for (byte b : String.valueOf(part).getBytes(StandardCharsets.UTF_8)) {
                hash ^= b & 0xff;
                hash *= 0x100000001b3L;
            }
            // A byte no UTF-8 text contains ends each part, so ("ab", "c") and ("a", "bc") differ.
            hash ^= 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
