package io.stratum.api.model;

import io.stratum.api.Api;
import java.time.Instant;
import java.util.UUID;

/**
 * Root of the model contracts: one per table of the reference data model. The entities of
 * {@code stratum-orm-models} implement them; {@link io.stratum.api.DatabaseInterface#model(Class)}
 * maps a contract to its entity class.
 *
 * <p>Every model has the base columns {@code id}, {@code created} and {@code updated}; timestamps are
 * UTC instants, so a value without an offset cannot reach the database.
 */
@Api(Api.Status.STABLE)
public sealed interface OrmModel permits
        Flow,
        FlowRun,
        FlowRunState,
        TaskRun,
        TaskRunState,
        TaskRunStateCache,
        Artifact,
        ArtifactCollection,
        Deployment,
        DeploymentSchedule,
        SavedSearch,
        WorkPool,
        Worker,
        Log,
        ConcurrencyLimit,
        ConcurrencyLimitV2,
        CsrfToken,
        WorkQueue,
        Agent,
        BlockType,
        BlockSchema,
        BlockSchemaReference,
        BlockDocument,
        BlockDocumentReference,
        Configuration,
        Variable,
        FlowRunInput,
        Automation,
        AutomationBucket,
        AutomationRelatedResource,
        CompositeTriggerChildFiring,
        AutomationEventFollower,
        Event,
        EventResource {

    UUID getId();

    Instant getCreated();

    Instant getUpdated();
}
