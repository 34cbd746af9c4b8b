package io.stratum.orm.internal;

import io.stratum.api.model.Agent;
import io.stratum.api.model.Artifact;
import io.stratum.api.model.ArtifactCollection;
import io.stratum.api.model.Automation;
import io.stratum.api.model.AutomationBucket;
import io.stratum.api.model.AutomationEventFollower;
import io.stratum.api.model.AutomationRelatedResource;
import io.stratum.api.model.BlockDocument;
import io.stratum.api.model.BlockDocumentReference;
import io.stratum.api.model.BlockSchema;
import io.stratum.api.model.BlockSchemaReference;
import io.stratum.api.model.BlockType;
import io.stratum.api.model.CompositeTriggerChildFiring;
import io.stratum.api.model.ConcurrencyLimit;
import io.stratum.api.model.ConcurrencyLimitV2;
import io.stratum.api.model.Configuration;
import io.stratum.api.model.CsrfToken;
import io.stratum.api.model.Deployment;
import io.stratum.api.model.DeploymentSchedule;
import io.stratum.api.model.Event;
import io.stratum.api.model.EventResource;
import io.stratum.api.model.Flow;
import io.stratum.api.model.FlowRun;
import io.stratum.api.model.FlowRunInput;
import io.stratum.api.model.FlowRunState;
import io.stratum.api.model.Log;
import io.stratum.api.model.OrmModel;
import io.stratum.api.model.SavedSearch;
import io.stratum.api.model.TaskRun;
import io.stratum.api.model.TaskRunState;
import io.stratum.api.model.TaskRunStateCache;
import io.stratum.api.model.Variable;
import io.stratum.api.model.WorkPool;
import io.stratum.api.model.WorkQueue;
import io.stratum.api.model.Worker;
import io.stratum.api.spi.ModelCatalogue;
import io.stratum.orm.model.BaseEntity;
import io.stratum.orm.model.AgentEntity;
import io.stratum.orm.model.ArtifactCollectionEntity;
import io.stratum.orm.model.ArtifactEntity;
import io.stratum.orm.model.AutomationBucketEntity;
import io.stratum.orm.model.AutomationEntity;
import io.stratum.orm.model.AutomationEventFollowerEntity;
import io.stratum.orm.model.AutomationRelatedResourceEntity;
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
import io.stratum.api.Dialect;
import io.stratum.api.spi.SchemaObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model catalogue. Entities are listed parents first: the order is also EclipseLink's commit
 * order (inserts in this order, deletes in reverse), because foreign keys are plain UUID columns, not
 * relationships. Every table is listed after each table its immediate (non-deferred) foreign keys
 * reference, with one exception that no order can satisfy:
 * <ul>
 *   <li>{@code flow_run.parent_task_run_id -> task_run} and {@code task_run.flow_run_id -> flow_run} form a
 *       cycle; flow runs come first, so a subflow run and its new parent task run cannot be inserted in
 *       one flush (flush the task run first).</li>
 * </ul>
 * The cycles {@code work_pool.default_queue_id -> work_queue} and {@code flow_run.state_id -> flow_run_state}
 * are closed by foreign keys checked at commit, so pool-then-queue and run-then-state insert fine.
 * Artifacts come before run states because {@code result_artifact_id} is checked immediately.
 * Deletes run in reverse: deleting a work pool's default queue and the pool in one flush deletes the
 * queue first, which the RESTRICT key refuses; delete the pool alone (its queues cascade).
 */
public final class Catalogue implements ModelCatalogue {
    private static final Map<Class<? extends OrmModel>, Class<? extends OrmModel>> ENTITIES = createEntities();
    /** By schema family: dialects of one family share their expected schema. */
    private static final Map<String, ExpectedSchema> EXPECTED = new HashMap<>();

    private static Map<Class<? extends OrmModel>, Class<? extends OrmModel>> createEntities() {
        Map<Class<? extends OrmModel>, Class<? extends OrmModel>> entities = new LinkedHashMap<>();
        entities.put(Flow.class, FlowEntity.class);
        entities.put(BlockType.class, BlockTypeEntity.class);
        entities.put(BlockSchema.class, BlockSchemaEntity.class);
        entities.put(BlockSchemaReference.class, BlockSchemaReferenceEntity.class);
        entities.put(BlockDocument.class, BlockDocumentEntity.class);
        entities.put(BlockDocumentReference.class, BlockDocumentReferenceEntity.class);
        entities.put(ConcurrencyLimitV2.class, ConcurrencyLimitV2Entity.class);
        entities.put(ConcurrencyLimit.class, ConcurrencyLimitEntity.class);
        entities.put(WorkPool.class, WorkPoolEntity.class);
        entities.put(WorkQueue.class, WorkQueueEntity.class);
        entities.put(Worker.class, WorkerEntity.class);
        entities.put(Agent.class, AgentEntity.class);
        entities.put(Deployment.class, DeploymentEntity.class);
        entities.put(DeploymentSchedule.class, DeploymentScheduleEntity.class);
        entities.put(Artifact.class, ArtifactEntity.class);
        entities.put(ArtifactCollection.class, ArtifactCollectionEntity.class);
        entities.put(FlowRun.class, FlowRunEntity.class);
        entities.put(FlowRunState.class, FlowRunStateEntity.class);
        entities.put(TaskRun.class, TaskRunEntity.class);
        entities.put(TaskRunState.class, TaskRunStateEntity.class);
        entities.put(TaskRunStateCache.class, TaskRunStateCacheEntity.class);
        entities.put(FlowRunInput.class, FlowRunInputEntity.class);
        entities.put(Log.class, LogEntity.class);
        entities.put(Configuration.class, ConfigurationEntity.class);
        entities.put(SavedSearch.class, SavedSearchEntity.class);
        entities.put(Variable.class, VariableEntity.class);
        entities.put(CsrfToken.class, CsrfTokenEntity.class);
        entities.put(Automation.class, AutomationEntity.class);
        entities.put(AutomationBucket.class, AutomationBucketEntity.class);
        entities.put(AutomationRelatedResource.class, AutomationRelatedResourceEntity.class);
        entities.put(CompositeTriggerChildFiring.class, CompositeTriggerChildFiringEntity.class);
        entities.put(AutomationEventFollower.class, AutomationEventFollowerEntity.class);
        entities.put(Event.class, EventEntity.class);
        entities.put(EventResource.class, EventResourceEntity.class);
        return entities;
    }

    @Override
    public Map<Class<? extends OrmModel>, Class<? extends OrmModel>> entities() {
        return ENTITIES;
    }

    @Override
    public Class<?> baseEntity() {
        return BaseEntity.class;
    }

    @Override
    public List<Class<?>> managedClasses() {
        List<Class<?>> classes = new ArrayList<>(ENTITIES.values());
        classes.add(IntervalConverter.class);
        classes.add(JsonObjectConverter.class);
        classes.add(JsonListConverter.class);
        classes.add(JsonValueConverter.class);
        classes.add(FlowRunPolicyConverter.class);
        classes.add(TaskRunPolicyConverter.class);
        classes.add(StateDetailsConverter.class);
        classes.add(CreatedByConverter.class);
        classes.add(ConcurrencyOptionsConverter.class);
        classes.add(ScheduleConverter.class);
        classes.add(QueueFilterConverter.class);
        classes.add(WorkPoolStorageConfigurationConverter.class);
        classes.add(TriggerConverter.class);
        classes.add(ActionsConverter.class);
        classes.add(ActionsOnTriggerConverter.class);
        classes.add(ActionsOnResolveConverter.class);
        classes.add(LastEventConverter.class);
        classes.add(FollowerConverter.class);
        classes.add(ChildFiringConverter.class);
        return classes;
    }

    @Override
    public List<Class<?>> commitOrder() {
        return new ArrayList<>(ENTITIES.values());
    }

    @Override
    public List<SchemaObject> expectedSchema(Dialect dialect) {
        return List.copyOf(expected(dialect).objects);
    }

    @Override
    public List<SchemaObject> migrationOnlyObjects(Dialect dialect) {
        return List.copyOf(expected(dialect).migrationOnly);
    }

    private static ExpectedSchema expected(Dialect dialect) {
        if (dialect == null) {
            throw new IllegalArgumentException("The expected schema needs a dialect, got null");
        }
        synchronized (EXPECTED) {
            return EXPECTED.computeIfAbsent(dialect.schemaFamily(), ExpectedSchema::load);
        }
    }
}
