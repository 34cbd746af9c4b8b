package io.stratum.api;

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
import io.stratum.api.model.SavedSearch;
import io.stratum.api.model.TaskRun;
import io.stratum.api.model.TaskRunState;
import io.stratum.api.model.TaskRunStateCache;
import io.stratum.api.model.Variable;
import io.stratum.api.model.WorkPool;
import io.stratum.api.model.WorkQueue;
import io.stratum.api.model.Worker;
import io.stratum.api.model.OrmModel;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Set;

/**
 * The database interface an orchestration engine runs against, whatever database is underneath.
 *
 * <p>One instance exists per configuration key (dialect, URL, user): {@link Stratum#open(DatabaseSettings)}
 * returns the same instance for the same key and refuses the same key with different settings.
 * Instances are thread-safe. {@link #close()} releases the pool, the EntityManagerFactory and the
 * registry entry.
 */
@Api(Api.Status.STABLE)
public interface DatabaseInterface extends AutoCloseable {

    DatabaseSettings settings();

    Dialect dialect();

    /** The pooled DataSource and EntityManagerFactory, created on first use and shared. */
    Engine engine();

    /**
     * A new EntityManager; the caller closes it (a session never closed keeps its connection: see
     * {@link DatabaseSettings#leakTimeout()}). Errors of its operations come from EclipseLink as they are;
     * {@link #sessionContext} translates them.
     *
     * @throws DatabaseUnavailableException when the pool and EntityManagerFactory cannot be set up because
     *         the database is unreachable (retryable)
     */
    EntityManager session();

    /**
     * Runs the work in a new session, closing it afterwards. With {@code beginTransaction} the work runs
     * in a transaction committed on normal return and rolled back on any exception. A failed operation
     * marks the transaction rollback-only (a failed SQLite statement does not abort the transaction, so
     * committing would keep part of the operation): work that catches such an error and returns normally
     * gets the transaction rolled back and a {@link StratumException} saying so. With
     * {@code withForUpdate} (implies a transaction) the transaction is ready for locking reads: on
     * SQLite it begins {@code BEGIN IMMEDIATE}, taking the database write lock at once; on PostgreSQL
     * rows are locked by the queries themselves ({@code PESSIMISTIC_WRITE}, {@code FOR UPDATE}).
     *
     * <p>Failures, whatever EclipseLink wrapped them in: a lost or refused connection is a
     * {@link DatabaseUnavailableException} (retryable: the same interface replaces broken connections);
     * no pooled connection within {@code pool_timeout} is a {@link PoolExhaustedException}; a
     * {@link StratumException} raised inside (for example a typed JSON column's) is thrown as it is.
     */
    <T> T sessionContext(boolean beginTransaction, boolean withForUpdate, SessionWork<T> work);

    /** {@code sessionContext(true, false, work)}. */
    default <T> T inTransaction(SessionWork<T> work) {
        return sessionContext(true, false, work);
    }

    /** {@code sessionContext(true, true, work)}. */
    default <T> T inTransactionForUpdate(SessionWork<T> work) {
        return sessionContext(true, true, work);
    }

    /**
     * Runs read-only work (dashboards, run history, the flow run graph) in a read-only transaction, on the
     * read replica of {@code read_url} when it is set (a pool of its own, the same pool settings), else
     * on the primary's pool. Every write in it fails at once (PostgreSQL: SQLState 25006 "cannot execute
     * … in a read-only transaction"; SQLite: "attempt to write a readonly database"), so nothing meant for
     * the primary ever lands on a replica. A replica lags its primary: a row just committed through
     * {@link #inTransaction} may not be visible yet. Failures are those of {@link #sessionContext}; a lost
     * replica is a {@link DatabaseUnavailableException} naming the read URL. Experimental.
     */
    <T> T inReadOnlyTransaction(SessionWork<T> work);

    /** Creates the schema: upgrades to the newest revision. */
    void createDb();

    /**
     * Drops every object in the database's schema, found by reflecting the live schema (also tables only
     * migrations know, the migration history, and PostgreSQL enum types). Does not run downgrades.
     * Refused with a {@link ConfigurationException} before anything is dropped when the server takes no
     * writes (a PostgreSQL standby in recovery), as are {@link #createDb}, upgrades, downgrades and stamps.
     */
    void dropDb();

    /** Upgrades to the newest revision. */
    void runMigrationsUpgrade();

    /** Reverts one revision. */
    default void runMigrationsDowngrade() {
        runMigrationsDowngrade("-1");
    }

    /** Reverts revisions: {@code "-N"} steps, {@code "base"}, or down to a revision id (which stays applied). */
    void runMigrationsDowngrade(String revision);

    /** The schema revision operations: current, history, stamp, targeted upgrade, dry runs. */
    Migrations migrations();

    /**
     * Compares the live schema with the model and with the reference's catalogue of tables, indexes and
     * constraints: every entity column exists with a compatible type and nullability, every listed
     * table, index and constraint exists by its exact name, and nothing else is there except the
     * documented migration-only objects. Reads the schema only; never changes it.
     */
    SchemaReport verifySchema();

    /**
     * The opt-in partitioned form of {@code log}, {@code events} and {@code event_resources} on PostgreSQL
     * (day partitions, dropped whole by retention): whether it is on, and turning it on and off.
     */
    HistoryPartitions historyPartitions();

    /**
     * Adopts a database that Prefect's own migrations brought to their head: recognises it by its
     * {@code alembic_version}, compares it table by table with Stratum's model (the drift check), and
     * when it matches up to the real chain's known differences and {@code apply} is set, brings it to
     * Stratum's exact form and stamps it at the Stratum revision that matches Prefect's head, keeping
     * every row (PostgreSQL: one transaction; SQLite: a copy of the file first, named in the result, then
     * table rebuilds), then drops {@code alembic_version}; {@link Migrations#upgrade}
     * then applies Stratum's own later revisions. Without {@code apply} it changes nothing and
     * says what it would do. A database at an older Prefect head, or one that differs otherwise, is
     * refused unchanged: {@link PrefectAdoption#verdict()} and {@link PrefectAdoption#differences()} say why.
     */
    PrefectAdoption adoptPrefectDatabase(boolean apply);

    /** The orchestration operations (state transitions, polling, idempotent creates, bulk writes, …) for this database. */
    io.stratum.api.query.QueryComponents queries();

    /**
     * Whether a connection can be opened now. Never throws; returns within the connection timeout.
     * Creates nothing: a missing SQLite file answers {@code false} (it is not created).
     */
    boolean isDbConnectable();

    /**
     * Opens one connection as {@link #isDbConnectable()} does, and throws why it could not: {@link
     * DatabaseNotFoundException} (no SQLite file; nothing created), {@link DatabaseCorruptException}
     * (damaged file), {@link ConfigurationException} (login refused, no such database) or {@link
     * DatabaseUnavailableException} (unreachable: retry).
     */
    void checkConnectable();

    /**
     * For a readiness probe: opens one connection as {@link #isDbConnectable()} does, reads the schema
     * revision status, and reports the pool's figures. Never throws (the reason of a failure is in the
     * record, without the password); answers within {@code connection_timeout}, however long the database
     * takes. Creates nothing.
     */
    Health health();

    /** The connection pool's figures now; never opens the pool. */
    PoolStatistics poolStatistics();

    /**
     * The figures of the read replica's pool ({@code read_url}), which {@link #inReadOnlyTransaction} uses;
     * empty when {@code read_url} is unset (read-only sessions then share {@link #poolStatistics()}'s pool).
     * Never opens the pool. Experimental.
     */
    java.util.Optional<PoolStatistics> readPoolStatistics();

    /**
     * Calls {@code listener} after every query component operation and every revision a migration applies
     * or reverts, from now until it is removed or this interface closes. Without listeners nothing is timed.
     */
    void addOperationListener(OperationListener listener);

    /** Stops calling {@code listener}; removing one that is not registered does nothing. */
    void removeOperationListener(OperationListener listener);

    /** The entity class implementing a model contract. */
    <M extends OrmModel> Class<? extends M> model(Class<M> contract);

    /**
     * The mapped superclass of every entity (base columns id, created, updated): the reference's
     * {@code Base}. Every class {@link #model} returns extends it.
     */
    Class<?> base();

    /** Every model contract this deployment's model catalogue serves. */
    Set<Class<? extends OrmModel>> models();

    /** Closes the pool and EntityManagerFactory and forgets this instance; later {@link Stratum#open} creates a new one. */
    @Override
    void close();

    /** Entity class of table {@code {@value io.stratum.api.model.Flow#TABLE}}. */
    default Class<? extends Flow> flow() {
        return model(Flow.class);
    }

    /** Entity class of table {@code {@value io.stratum.api.model.FlowRun#TABLE}}. */
    default Class<? extends FlowRun> flowRun() {
        return model(FlowRun.class);
    }

    /** Entity class of table {@code {@value io.stratum.api.model.FlowRunState#TABLE}}. */
    default Class<? extends FlowRunState> flowRunState() {
        return model(FlowRunState.class);
    }

    /** Entity class of table {@code {@value io.stratum.api.model.TaskRun#TABLE}}. */
    default Class<? extends TaskRun> taskRun() {
        return model(TaskRun.class);
    }

    /** Entity class of table {@code {@value io.stratum.api.model.TaskRunState#TABLE}}. */
    default Class<? extends TaskRunState> taskRunState() {
        return model(TaskRunState.class);
    }

    /** Entity class of table {@code {@value io.stratum.api.model.TaskRunStateCache#TABLE}}. */
    default Class<? extends TaskRunStateCache> taskRunStateCache() {
        return model(TaskRunStateCache.class);
    }

    /** Entity class of table {@code {@value io.stratum.api.model.Artifact#TABLE}}. */
    default Class<? extends Artifact> artifact() {
        return model(Artifact.class);
    }

    /** Entity class of table {@code {@value io.stratum.api.model.ArtifactCollection#TABLE}}. */
    default Class<? extends ArtifactCollection> artifactCollection() {
        return model(ArtifactCollection.class);
    }

    /** Entity class of table {@code {@value io.stratum.api.model.Deployment#TABLE}}. */
    default Class<? extends Deployment> deployment() {
        return model(Deployment.class);
    }

    /** Entity class of table {@code {@value io.stratum.api.model.DeploymentSchedule#TABLE}}. */
    default Class<? extends DeploymentSchedule> deploymentSchedule() {
        return model(DeploymentSchedule.class);
    }

    /** Entity class of table {@code {@value io.stratum.api.model.SavedSearch#TABLE}}. */
    default Class<? extends SavedSearch> savedSearch() {
        return model(SavedSearch.class);
    }

    /** Entity class of table {@code {@value io.stratum.api.model.WorkPool#TABLE}}. */
    default Class<? extends WorkPool> workPool() {
        return model(WorkPool.class);
    }

    /** Entity class of table {@code {@value io.stratum.api.model.Worker#TABLE}}. */
    default Class<? extends Worker> worker() {
        return model(Worker.class);
    }

    /** Entity class of table {@code {@value io.stratum.api.model.Log#TABLE}}. */
    default Class<? extends Log> log() {
        return model(Log.class);
    }

    /** Entity class of table {@code {@value io.stratum.api.model.ConcurrencyLimit#TABLE}}. */
    default Class<? extends ConcurrencyLimit> concurrencyLimit() {
        return model(ConcurrencyLimit.class);
    }

    /** Entity class of table {@code {@value io.stratum.api.model.ConcurrencyLimitV2#TABLE}}. */
    default Class<? extends ConcurrencyLimitV2> concurrencyLimitV2() {
        return model(ConcurrencyLimitV2.class);
    }

    /** Entity class of table {@code {@value io.stratum.api.model.CsrfToken#TABLE}}. */
    default Class<? extends CsrfToken> csrfToken() {
        return model(CsrfToken.class);
    }

    /** Entity class of table {@code {@value io.stratum.api.model.WorkQueue#TABLE}}. */
    default Class<? extends WorkQueue> workQueue() {
        return model(WorkQueue.class);
    }

    /** Entity class of table {@code {@value io.stratum.api.model.Agent#TABLE}}. */
    default Class<? extends Agent> agent() {
        return model(Agent.class);
    }

    /** Entity class of table {@code {@value io.stratum.api.model.BlockType#TABLE}}. */
    default Class<? extends BlockType> blockType() {
        return model(BlockType.class);
    }

    /** Entity class of table {@code {@value io.stratum.api.model.BlockSchema#TABLE}}. */
    default Class<? extends BlockSchema> blockSchema() {
        return model(BlockSchema.class);
    }

    /** Entity class of table {@code {@value io.stratum.api.model.BlockSchemaReference#TABLE}}. */
    default Class<? extends BlockSchemaReference> blockSchemaReference() {
        return model(BlockSchemaReference.class);
    }

    /** Entity class of table {@code {@value io.stratum.api.model.BlockDocument#TABLE}}. */
    default Class<? extends BlockDocument> blockDocument() {
        return model(BlockDocument.class);
    }

    /** Entity class of table {@code {@value io.stratum.api.model.BlockDocumentReference#TABLE}}. */
    default Class<? extends BlockDocumentReference> blockDocumentReference() {
        return model(BlockDocumentReference.class);
    }

    /** Entity class of table {@code {@value io.stratum.api.model.Configuration#TABLE}}. */
    default Class<? extends Configuration> configuration() {
        return model(Configuration.class);
    }

    /** Entity class of table {@code {@value io.stratum.api.model.Variable#TABLE}}. */
    default Class<? extends Variable> variable() {
        return model(Variable.class);
    }

    /** Entity class of table {@code {@value io.stratum.api.model.FlowRunInput#TABLE}}. */
    default Class<? extends FlowRunInput> flowRunInput() {
        return model(FlowRunInput.class);
    }

    /** Entity class of table {@code {@value io.stratum.api.model.Automation#TABLE}}. */
    default Class<? extends Automation> automation() {
        return model(Automation.class);
    }

    /** Entity class of table {@code {@value io.stratum.api.model.AutomationBucket#TABLE}}. */
    default Class<? extends AutomationBucket> automationBucket() {
        return model(AutomationBucket.class);
    }

    /** Entity class of table {@code {@value io.stratum.api.model.AutomationRelatedResource#TABLE}}. */
    default Class<? extends AutomationRelatedResource> automationRelatedResource() {
        return model(AutomationRelatedResource.class);
    }

    /** Entity class of table {@code {@value io.stratum.api.model.CompositeTriggerChildFiring#TABLE}}. */
    default Class<? extends CompositeTriggerChildFiring> compositeTriggerChildFiring() {
        return model(CompositeTriggerChildFiring.class);
    }

    /** Entity class of table {@code {@value io.stratum.api.model.AutomationEventFollower#TABLE}}. */
    default Class<? extends AutomationEventFollower> automationEventFollower() {
        return model(AutomationEventFollower.class);
    }

    /** Entity class of table {@code {@value io.stratum.api.model.Event#TABLE}}. */
    default Class<? extends Event> event() {
        return model(Event.class);
    }

    /** Entity class of table {@code {@value io.stratum.api.model.EventResource#TABLE}}. */
    default Class<? extends EventResource> eventResource() {
        return model(EventResource.class);
    }
}
