package io.stratum.api.query;

import io.stratum.api.Api;
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
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Set;

/**
 * Creates keyed by the reference's upsert keys, written with {@code INSERT … ON CONFLICT} on both
 * databases. Creating the same key again — also from many threads or processes at once — leaves one
 * row, and every caller gets that row; no caller sees a unique-key error.
 *
 * <p>Each operation takes a new, not yet persisted instance of the model's entity class (for example
 * {@code db.flow()}), runs in the caller's session and needs an active transaction; it fails otherwise,
 * writing nothing. Pending changes of the session are flushed first. On conflict the creates that keep
 * the existing row ("do nothing") leave it unchanged; those that update it (deployment, saved search,
 * artifact collection, concurrency limit, csrf token) set the listed columns and {@code updated} —
 * {@code ON CONFLICT DO UPDATE} does not run entity callbacks, so {@code updated} is set explicitly.
 * An existing row already loaded in the session is refreshed before it is returned.
 */
@Api(Api.Status.EXPERIMENTAL)
public interface IdempotentCreates {

    /** Flow by {@code name}: an existing flow is returned unchanged. */
    Created<Flow> createFlow(EntityManager session, Flow flow);

    /**
     * Flow run by ({@code flow_id}, {@code idempotency_key}). An existing run is returned unchanged and keeps
     * its state; only a newly created run is moved into {@code initialState} (through
     * {@link StateTransitions#setFlowRunState}), when one is given. Runs without an idempotency key never
     * collide (NULL keys are distinct), so each call creates one.
     */
    Created<FlowRun> createFlowRun(EntityManager session, FlowRun run, FlowRunState initialState);

    /**
     * Task run by ({@code flow_run_id}, {@code task_key}, {@code dynamic_key}); an existing task run is
     * returned unchanged and keeps its state, a new one is moved into {@code initialState} when given. A
     * task run without a flow run cannot be kept unique by the index (NULLs never collide): the existing
     * row with {@code flow_run_id IS NULL} and the same keys is looked up first, with concurrent creates
     * of the same keys serialised (a transaction-scoped lock on the keys on PostgreSQL; SQLite's write lock).
     */
    Created<TaskRun> createTaskRun(EntityManager session, TaskRun run, TaskRunState initialState);

    /**
     * Deployment by ({@code flow_id}, {@code name}), updating every column of the given deployment on
     * conflict: {@code createDeployment(session, deployment, null, schedules)}.
     */
    Created<Deployment> createDeployment(EntityManager session, Deployment deployment,
                                         List<? extends DeploymentSchedule> schedules);

    /**
     * Deployment by ({@code flow_id}, {@code name}). On conflict the existing row keeps its id and
     * {@code created} and gets the {@code providedColumns} of {@code deployment} (column names of table
     * {@code deployment}, as the reference updates only the fields the client set; null = every column
     * but the key, {@code id}, {@code created} and {@code created_by}) and {@code updated} = now. As in the
     * reference, the deployment's schedules are then replaced by {@code schedules} (deleted and inserted in
     * this transaction, their {@code deployment_id} set here; null or empty leaves none), and its
     * auto-scheduled runs that have not run yet (SCHEDULED in the future, {@code run_count} 0, not
     * AwaitingConcurrencySlot) are deleted, so the scheduler recreates them from the new configuration.
     *
     * @throws IllegalArgumentException naming the columns that {@code deployment} does not have
     */
    Created<Deployment> createDeployment(EntityManager session, Deployment deployment, Set<String> providedColumns,
                                         List<? extends DeploymentSchedule> schedules);

    /** Block type by {@code slug}: an existing block type is returned unchanged. */
    Created<BlockType> createBlockType(EntityManager session, BlockType blockType);

    /** Block schema by ({@code checksum}, {@code version}): an existing block schema is returned unchanged. */
    Created<BlockSchema> createBlockSchema(EntityManager session, BlockSchema blockSchema);

    /** Block document by ({@code block_type_id}, {@code name}): an existing block document is returned unchanged. */
    Created<BlockDocument> createBlockDocument(EntityManager session, BlockDocument blockDocument);

    /** Saved search by {@code name}; on conflict its {@code filters} are replaced. */
    Created<SavedSearch> createSavedSearch(EntityManager session, SavedSearch savedSearch);

    /**
     * Inserts the artifact; when it has a key, also upserts the key's artifact collection by {@code key}
     * so that it describes this artifact ({@code latest_id}, run ids, type, data, description, metadata).
     * An artifact without a key does not touch the collections.
     */
    ArtifactCreated createArtifact(EntityManager session, Artifact artifact);

    /**
     * Deletes an artifact, keeping its key's collection as {@link #createArtifact} leaves it (the reference's
     * {@code delete_artifact}): when the artifact is its collection's {@code latest_id}, the collection is
     * re-pointed at the newest remaining artifact of the key (by {@code created}; its id, run ids, type,
     * data, description, metadata and {@code created} copied, {@code updated} = now), or deleted when none
     * remains. Written with SQL, like a JPQL bulk delete: entities of the artifact or collection already
     * loaded in this session keep their old values (re-read them).
     *
     * @return true if an artifact had the id (and is deleted), false if none had it (nothing is written)
     */
    boolean deleteArtifact(EntityManager session, java.util.UUID artifactId);

    /** Concurrency limit (v1) by {@code tag}; on conflict its {@code concurrency_limit} is set. */
    Created<ConcurrencyLimit> createConcurrencyLimit(EntityManager session, ConcurrencyLimit limit);

    /** CSRF token by {@code client}; on conflict its {@code token} and {@code expiration} are replaced. */
    Created<CsrfToken> createCsrfToken(EntityManager session, CsrfToken token);
}
