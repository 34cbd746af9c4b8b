package io.stratum.it;

import io.stratum.api.DatabaseInterface;
import io.stratum.orm.model.AgentEntity;
import io.stratum.orm.model.ArtifactCollectionEntity;
import io.stratum.orm.model.ArtifactEntity;
import io.stratum.orm.model.AutomationBucketEntity;
import io.stratum.orm.model.AutomationEntity;
import io.stratum.orm.model.AutomationEventFollowerEntity;
import io.stratum.orm.model.AutomationRelatedResourceEntity;
import io.stratum.orm.model.BaseEntity;
import io.stratum.orm.model.BlockDocumentEntity;
import io.stratum.orm.model.BlockDocumentReferenceEntity;
import io.stratum.orm.model.BlockSchemaEntity;
import io.stratum.orm.model.BlockSchemaReferenceEntity;
import io.stratum.orm.model.BlockTypeEntity;
import io.stratum.orm.model.CompositeTriggerChildFiringEntity;
import io.stratum.orm.model.ConcurrencyLimitEntity;
import io.stratum.orm.model.ConcurrencyLimitV2Entity;
import io.stratum.orm.model.ConfigurationEntity;
import io.stratum.orm.model.CsrfTokenEntity;
import io.stratum.orm.model.DeploymentEntity;
import io.stratum.orm.model.DeploymentScheduleEntity;
import io.stratum.orm.model.EventEntity;
import io.stratum.orm.model.EventResourceEntity;
import io.stratum.orm.model.FlowEntity;
import io.stratum.orm.model.FlowRunEntity;
import io.stratum.orm.model.FlowRunInputEntity;
import io.stratum.orm.model.FlowRunStateEntity;
import io.stratum.orm.model.LogEntity;
import io.stratum.orm.model.SavedSearchEntity;
import io.stratum.orm.model.TaskRunEntity;
import io.stratum.orm.model.TaskRunStateCacheEntity;
import io.stratum.orm.model.TaskRunStateEntity;
import io.stratum.orm.model.VariableEntity;
import io.stratum.orm.model.WorkPoolEntity;
import io.stratum.orm.model.WorkQueueEntity;
import io.stratum.orm.model.WorkerEntity;
import jakarta.persistence.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A row in every table of the schema, every column set (see {@link SampleValues}) and every foreign key
 * pointing at a row of the graph. The layout lets each foreign key's ON DELETE action be tested alone
 * by deleting its parent row:
 * <ul>
 *   <li>two work pools, each with a default queue (RESTRICT) and a second queue: the agent (NO ACTION)
 *       uses pool A's second queue, runs, deployments and deployment versions (SET NULL) pool B's;</li>
 *   <li>the flow run, the deployment's infrastructure and the deployment's storage have a block document
 *       each; a block document reference links two of them;</li>
 *   <li>a subflow run points at the task run (SET NULL); run states point at the artifact (SET NULL).</li>
 * </ul>
 * Entities come in the catalogue's commit order; the subflow run is written after its parent task run.
 */
final class ModelGraph {
    private final SampleValues samples = new SampleValues();
    private final List<BaseEntity> entities = new ArrayList<>();
    private final Map<String, List<UUID>> idsByTable = new LinkedHashMap<>();
    final UUID deploymentVersionId = UUID.randomUUID();
    final UUID slotLeaseId = UUID.randomUUID();

    final FlowEntity flow = add(new FlowEntity());
    final BlockTypeEntity blockType = add(new BlockTypeEntity());
    final BlockSchemaEntity schema = add(new BlockSchemaEntity());
    final BlockSchemaEntity referencedSchema = add(new BlockSchemaEntity());
    final BlockSchemaReferenceEntity schemaReference = add(new BlockSchemaReferenceEntity());
    final BlockDocumentEntity runInfrastructure = add(new BlockDocumentEntity());
    final BlockDocumentEntity deploymentInfrastructure = add(new BlockDocumentEntity());
    final BlockDocumentEntity deploymentStorage = add(new BlockDocumentEntity());
    final BlockDocumentReferenceEntity documentReference = add(new BlockDocumentReferenceEntity());
    final ConcurrencyLimitV2Entity limit = add(new ConcurrencyLimitV2Entity());
    final ConcurrencyLimitEntity tagLimit = add(new ConcurrencyLimitEntity());
    final WorkPoolEntity poolA = add(new WorkPoolEntity());
    final WorkPoolEntity poolB = add(new WorkPoolEntity());
    final WorkQueueEntity defaultQueueA = add(new WorkQueueEntity());
    final WorkQueueEntity agentQueue = add(new WorkQueueEntity());
    final WorkQueueEntity defaultQueueB = add(new WorkQueueEntity());
    final WorkQueueEntity runQueue = add(new WorkQueueEntity());
    final WorkerEntity worker = add(new WorkerEntity());
    final AgentEntity agent = add(new AgentEntity());
    final DeploymentEntity deployment = add(new DeploymentEntity());
    final DeploymentScheduleEntity schedule = add(new DeploymentScheduleEntity());
    final ArtifactEntity artifact = add(new ArtifactEntity());
    final ArtifactCollectionEntity collection = add(new ArtifactCollectionEntity());
    final FlowRunEntity run = add(new FlowRunEntity());
    final FlowRunStateEntity runState = add(new FlowRunStateEntity());
    final TaskRunEntity task = add(new TaskRunEntity());
    final TaskRunStateEntity taskState = add(new TaskRunStateEntity());
    final TaskRunStateCacheEntity cache = add(new TaskRunStateCacheEntity());
    final FlowRunInputEntity input = add(new FlowRunInputEntity());
    final LogEntity log = add(new LogEntity());
    final ConfigurationEntity configuration = add(new ConfigurationEntity());
    final SavedSearchEntity savedSearch = add(new SavedSearchEntity());
    final VariableEntity variable = add(new VariableEntity());
    final CsrfTokenEntity csrfToken = add(new CsrfTokenEntity());
    final AutomationEntity automation = add(new AutomationEntity());
    final AutomationBucketEntity bucket = add(new AutomationBucketEntity());
    final AutomationRelatedResourceEntity relatedResource = add(new AutomationRelatedResourceEntity());
    final CompositeTriggerChildFiringEntity childFiring = add(new CompositeTriggerChildFiringEntity());
    final AutomationEventFollowerEntity follower = add(new AutomationEventFollowerEntity());
    final EventEntity event = add(new EventEntity());
    final EventResourceEntity eventResource = add(new EventResourceEntity());
    /** Written after {@link #task}, which it points at: no single insert order satisfies both keys. */
    final FlowRunEntity subflow = samples.fill(new FlowRunEntity());

    ModelGraph() {
        schema.setBlockTypeId(blockType.getId());
        referencedSchema.setBlockTypeId(blockType.getId());
        schemaReference.setParentBlockSchemaId(schema.getId());
        schemaReference.setReferenceBlockSchemaId(referencedSchema.getId());
        for (BlockDocumentEntity document : List.of(runInfrastructure, deploymentInfrastructure, deploymentStorage)) {
            document.setBlockTypeId(blockType.getId());
            document.setBlockSchemaId(schema.getId());
        }
        documentReference.setParentBlockDocumentId(deploymentInfrastructure.getId());
        documentReference.setReferenceBlockDocumentId(deploymentStorage.getId());
        poolA.setDefaultQueueId(defaultQueueA.getId());
        poolB.setDefaultQueueId(defaultQueueB.getId());
        defaultQueueA.setWorkPoolId(poolA.getId());
        agentQueue.setWorkPoolId(poolA.getId());
        defaultQueueB.setWorkPoolId(poolB.getId());
        runQueue.setWorkPoolId(poolB.getId());
        worker.setWorkPoolId(poolB.getId());
        agent.setWorkQueueId(agentQueue.getId());
        deployment.setFlowId(flow.getId());
        deployment.setWorkQueueId(runQueue.getId());
        deployment.setConcurrencyLimitId(limit.getId());
        deployment.setInfrastructureDocumentId(deploymentInfrastructure.getId());
        deployment.setStorageDocumentId(deploymentStorage.getId());
        schedule.setDeploymentId(deployment.getId());
        collection.setLatestId(artifact.getId());
        for (FlowRunEntity flowRun : List.of(run, subflow)) {
            flowRun.setFlowId(flow.getId());
            flowRun.setDeploymentId(deployment.getId());
            flowRun.setInfrastructureDocumentId(runInfrastructure.getId());
            flowRun.setWorkQueueId(runQueue.getId());
        }
        run.setParentTaskRunId(null);
        run.setStateId(runState.getId());
        subflow.setStateId(null);
        subflow.setParentTaskRunId(task.getId());
        runState.setFlowRunId(run.getId());
        runState.setResultArtifactId(artifact.getId());
        task.setFlowRunId(run.getId());
        task.setStateId(taskState.getId());
        taskState.setTaskRunId(task.getId());
        taskState.setResultArtifactId(artifact.getId());
        cache.setTaskRunStateId(taskState.getId());
        input.setFlowRunId(run.getId());
        log.setFlowRunId(run.getId());
        log.setTaskRunId(task.getId());
        bucket.setAutomationId(automation.getId());
        relatedResource.setAutomationId(automation.getId());
        childFiring.setAutomationId(automation.getId());
        eventResource.setEventId(event.getId());
        track(subflow);
        idsByTable.put("deployment_version", List.of(deploymentVersionId));
        idsByTable.put("concurrency_slot_lease", List.of(slotLeaseId));
    }

    private <T extends BaseEntity> T add(T entity) {
        samples.fill(entity);
        entities.add(entity);
        track(entity);
        return entity;
    }

    private void track(BaseEntity entity) {
        idsByTable.computeIfAbsent(table(entity.getClass()), t -> new ArrayList<>()).add(entity.getId());
    }

    static String table(Class<?> entity) {
        return entity.getAnnotation(Table.class).name();
    }

    /** Every entity row of the graph, in insert order. */
    List<BaseEntity> entities() {
        List<BaseEntity> all = new ArrayList<>(entities);
        all.add(subflow);
        return all;
    }

    /** The ids of the graph's rows of a table. */
    List<UUID> ids(String table) {
        return idsByTable.getOrDefault(table, List.of());
    }

    /** The tables the graph has rows in. */
    java.util.Set<String> tables() {
        return idsByTable.keySet();
    }

    /**
     * Writes the graph: the entities in one transaction, then a row of each table no entity maps
     * (through SQL, as the migrations and the query components write them).
     */
    ModelGraph persist(DatabaseInterface db) throws SQLException {
        db.inTransaction(session -> {
            entities.forEach(session::persist);
            session.flush();
            session.persist(subflow);
            return null;
        });
        try (Connection connection = db.engine().dataSource().getConnection()) {
            insert(connection, "INSERT INTO deployment_version (id, deployment_id, branch, work_queue_id, description) "
                    + "VALUES (?, ?, ?, ?, ?)", deploymentVersionId, deployment.getId(), "branch-" + deploymentVersionId,
                    runQueue.getId(), "a migration-only row");
            // expires as the stored text on SQLite; PostgreSQL casts the same ISO text to timestamptz.
            insert(connection, "INSERT INTO concurrency_slot_lease (id, lease_id, concurrency_limit_id, slots, expires) "
                    + "VALUES (?, ?, ?, ?, ?)", slotLeaseId, UUID.randomUUID(), limit.getId(), 2, "2026-03-04 05:06:07.123456");
        }
        return this;
    }

    private static void insert(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                insert.setObject(i + 1, values[i] instanceof UUID ? values[i].toString() : values[i]);
            }
            insert.executeUpdate();
        }
    }
}
