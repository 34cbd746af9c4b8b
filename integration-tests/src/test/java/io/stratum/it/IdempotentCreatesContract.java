package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.stratum.api.DatabaseInterface;
import io.stratum.api.Stratum;
import io.stratum.api.StratumException;
import io.stratum.api.model.FlowRun;
import io.stratum.api.model.StateType;
import io.stratum.api.query.ArtifactCreated;
import io.stratum.api.query.Created;
import io.stratum.api.query.IdempotentCreates;
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
import io.stratum.orm.model.FlowRunStateEntity;
import io.stratum.orm.model.SavedSearchEntity;
import io.stratum.orm.model.TaskRunEntity;
import io.stratum.orm.model.TaskRunStateEntity;
import io.stratum.orm.types.Schedule;
import io.stratum.orm.types.StateDetails;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Creates by the reference's upsert keys, sequential and concurrent, run once per dialect by the subclasses. */
abstract class IdempotentCreatesContract {
    private static final int THREADS = 8;

    protected TestDatabase database;
    private DatabaseInterface db;
    private IdempotentCreates creates;
    private FlowEntity flow;
    private FlowRunEntity flowRun;
    private BlockTypeEntity blockType;
    private BlockSchemaEntity blockSchema;

    abstract TestDatabase newDatabase();

    @BeforeEach
    void open() {
        database = newDatabase();
        db = Stratum.open(database.settings().migrateOnStart(true).timeout(Duration.ofSeconds(30)).build());
        creates = db.queries().creates();
        flow = new FlowEntity("base-flow");
        flowRun = new FlowRunEntity(flow.getId());
        blockType = blockType("base-type");
        blockSchema = blockSchema("base-checksum", blockType.getId());
        db.inTransaction(session -> {
            session.persist(flow);
            session.persist(flowRun);
            session.persist(blockType);
            session.persist(blockSchema);
            return null;
        });
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
        database.close();
    }

    @Test
    void flowsFlowRunsAndTaskRunsReturnTheExistingRowUnchangedWithItsState() throws Exception {
        FlowEntity first = new FlowEntity("etl");
        first.setTags(List.of("v1"));
        FlowEntity second = new FlowEntity("etl");
        second.setTags(List.of("v2"));
        Created<io.stratum.api.model.Flow> a = db.inTransaction(session -> creates.createFlow(session, first));
        Created<io.stratum.api.model.Flow> b = db.inTransaction(session -> creates.createFlow(session, second));
        assertThat(a.created()).isTrue();
        assertThat(b.created()).isFalse();
        assertThat(b.row().getId()).isEqualTo(first.getId());
        assertThat(((FlowEntity) b.row()).getTags()).containsExactly("v1");
        assertThat(count("flow WHERE name = 'etl'")).isEqualTo(1);

        // Flow runs by (flow, idempotency key) keep their original state.
        flowRunsKeepTheirOriginalState();

        // Task runs by (flow run, task key, dynamic key), also without a flow run.
        taskRunsKeepTheirOriginalState();
    }

    private void flowRunsKeepTheirOriginalState() throws Exception {
        FlowRunEntity first = flowRun("nightly-2026-03-01");
        FlowRunEntity second = flowRun("nightly-2026-03-01");
        Instant scheduled = Instant.parse("2026-03-01T00:00:00Z");
        FlowRunStateEntity scheduledState = new FlowRunStateEntity(StateType.SCHEDULED, "Scheduled");
        scheduledState.setStateDetails(StateDetails.empty().withScheduledTime(scheduled));
        Created<FlowRun> a = db.inTransaction(session -> creates.createFlowRun(session, first, scheduledState));
        Created<FlowRun> b = db.inTransaction(session -> creates.createFlowRun(session, second,
                new FlowRunStateEntity(StateType.PENDING, "Pending")));
        assertThat(a.created()).isTrue();
        assertThat(a.row().getStateType()).isEqualTo(StateType.SCHEDULED);
        assertThat(((FlowRunEntity) a.row()).getNextScheduledStartTime()).isEqualTo(scheduled);
        assertThat(b.created()).isFalse();
        assertThat(b.row().getId()).isEqualTo(first.getId());
        assertThat(b.row().getStateType()).isEqualTo(StateType.SCHEDULED);
        assertThat(b.row().getStateId()).isEqualTo(scheduledState.getId());
        assertThat(count("flow_run_state WHERE flow_run_id = '" + first.getId() + "'")).isEqualTo(1);

        // Without an idempotency key every create is a new run.
        Created<FlowRun> c = db.inTransaction(session -> creates.createFlowRun(session, flowRun(null), null));
        Created<FlowRun> d = db.inTransaction(session -> creates.createFlowRun(session, flowRun(null), null));
        assertThat(c.created()).isTrue();
        assertThat(d.created()).isTrue();
        assertThat(c.row().getId()).isNotEqualTo(d.row().getId());
    }

    private void taskRunsKeepTheirOriginalState() throws Exception {
        for (UUID flowRunId : new UUID[] {flowRun.getId(), null}) {
            TaskRunEntity first = new TaskRunEntity(flowRunId, "extract", "0");
            TaskRunEntity second = new TaskRunEntity(flowRunId, "extract", "0");
            Created<io.stratum.api.model.TaskRun> a = db.inTransaction(session -> creates.createTaskRun(session, first,
                    new TaskRunStateEntity(StateType.PENDING, "Pending")));
            Created<io.stratum.api.model.TaskRun> b = db.inTransaction(session -> creates.createTaskRun(session, second,
                    new TaskRunStateEntity(StateType.RUNNING, "Running")));
            assertThat(a.created()).as("flow run %s", flowRunId).isTrue();
            assertThat(b.created()).as("flow run %s", flowRunId).isFalse();
            assertThat(b.row().getId()).isEqualTo(first.getId());
            assertThat(((TaskRunEntity) b.row()).getStateType()).isEqualTo(StateType.PENDING);
            assertThat(count("task_run_state WHERE task_run_id = '" + first.getId() + "'")).isEqualTo(1);
            // Another dynamic key is another task run.
            Created<io.stratum.api.model.TaskRun> c = db.inTransaction(session -> creates.createTaskRun(session,
                    new TaskRunEntity(flowRunId, "extract", "1"), null));
            assertThat(c.created()).isTrue();
        }
        assertThat(count("task_run")).isEqualTo(4);
    }

    @Test
    void deploymentByFlowAndNameUpdatesFieldsAndReplacesSchedulesAndScheduledRuns() throws Exception {
        DeploymentEntity first = deployment("daily");
        first.setDescription("first");
        first.setVersion("1");
        Created<io.stratum.api.model.Deployment> a = db.inTransaction(session -> creates.createDeployment(session, first,
                List.of(schedule("a"))));
        assertThat(a.created()).isTrue();
        Instant firstUpdated = ((DeploymentEntity) a.row()).getUpdated();

        FlowRunEntity autoScheduled = scheduledRun(first.getId(), true);
        FlowRunEntity manual = scheduledRun(first.getId(), false);

        DeploymentEntity second = deployment("daily");
        second.setDescription("second");
        second.setVersion("2");
        Created<io.stratum.api.model.Deployment> b = db.inTransaction(session -> creates.createDeployment(session, second,
                List.of(schedule("b"), schedule("c"))));
        DeploymentEntity row = (DeploymentEntity) b.row();
        assertThat(b.created()).isFalse();
        assertThat(row.getId()).isEqualTo(first.getId());
        assertThat(row.getDescription()).isEqualTo("second");
        assertThat(row.getVersion()).isEqualTo("2");
        assertThat(row.getCreated()).isEqualTo(first.getCreated());
        assertThat(row.getUpdated()).isAfter(firstUpdated);
        assertThat(slugs(first.getId())).containsExactlyInAnyOrder("b", "c");
        assertThat(count("flow_run WHERE id = '" + autoScheduled.getId() + "'")).isZero();
        assertThat(count("flow_run WHERE id = '" + manual.getId() + "'")).isEqualTo(1);

        // Only the provided columns change.
        DeploymentEntity third = deployment("daily");
        third.setDescription("third");
        third.setVersion("3");
        Created<io.stratum.api.model.Deployment> c = db.inTransaction(session -> creates.createDeployment(session, third,
                Set.of("description"), List.of()));
        assertThat(((DeploymentEntity) c.row()).getDescription()).isEqualTo("third");
        assertThat(((DeploymentEntity) c.row()).getVersion()).isEqualTo("2");
        assertThat(slugs(first.getId())).isEmpty();
        assertThatThrownBy(() -> db.inTransaction(session -> creates.createDeployment(session, deployment("daily"),
                Set.of("no_such_column"), List.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no_such_column");
        assertThat(count("deployment")).isEqualTo(1);
    }

    @Test
    void blockTypeSchemaAndDocumentReturnTheExistingRowUnchanged() throws Exception {
        BlockTypeEntity type = blockType("s3");
        type.setDescription("first");
        BlockTypeEntity typeAgain = blockType("s3");
        typeAgain.setDescription("second");
        assertThat(db.inTransaction(session -> creates.createBlockType(session, type)).created()).isTrue();
        Created<io.stratum.api.model.BlockType> sameType = db.inTransaction(session -> creates.createBlockType(session, typeAgain));
        assertThat(sameType.created()).isFalse();
        assertThat(((BlockTypeEntity) sameType.row()).getDescription()).isEqualTo("first");

        BlockSchemaEntity schema = blockSchema("sha-1", type.getId());
        BlockSchemaEntity sameKey = blockSchema("sha-1", type.getId());
        BlockSchemaEntity otherVersion = blockSchema("sha-1", type.getId());
        otherVersion.setVersion("2.0");
        assertThat(db.inTransaction(session -> creates.createBlockSchema(session, schema)).created()).isTrue();
        assertThat(db.inTransaction(session -> creates.createBlockSchema(session, sameKey)).row().getId())
                .isEqualTo(schema.getId());
        assertThat(db.inTransaction(session -> creates.createBlockSchema(session, otherVersion)).created()).isTrue();

        BlockDocumentEntity document = blockDocument("prod", type.getId(), schema.getId());
        document.setData(JsonNodeFactory.instance.textNode("first"));
        BlockDocumentEntity documentAgain = blockDocument("prod", type.getId(), schema.getId());
        documentAgain.setData(JsonNodeFactory.instance.textNode("second"));
        assertThat(db.inTransaction(session -> creates.createBlockDocument(session, document)).created()).isTrue();
        Created<io.stratum.api.model.BlockDocument> sameDocument =
                db.inTransaction(session -> creates.createBlockDocument(session, documentAgain));
        assertThat(sameDocument.created()).isFalse();
        assertThat(((BlockDocumentEntity) sameDocument.row()).getData().asText()).isEqualTo("first");
    }

    @Test
    void savedSearchLimitTokenAndArtifactCollectionAreUpdatedOnConflict() throws Exception {
        SavedSearchEntity search = savedSearch("failures", "FAILED");
        assertThat(db.inTransaction(session -> creates.createSavedSearch(session, search)).created()).isTrue();
        Created<io.stratum.api.model.SavedSearch> search2 = db.inTransaction(session ->
                creates.createSavedSearch(session, savedSearch("failures", "CRASHED")));
        assertThat(search2.created()).isFalse();
        assertThat(search2.row().getId()).isEqualTo(search.getId());
        assertThat(((SavedSearchEntity) search2.row()).getFilters()).containsExactly(Map.of("state", "CRASHED"));

        ConcurrencyLimitEntity limit = concurrencyLimit("db", 2);
        assertThat(db.inTransaction(session -> creates.createConcurrencyLimit(session, limit)).created()).isTrue();
        Created<io.stratum.api.model.ConcurrencyLimit> limit2 = db.inTransaction(session ->
                creates.createConcurrencyLimit(session, concurrencyLimit("db", 5)));
        assertThat(limit2.created()).isFalse();
        assertThat(limit2.row().getConcurrencyLimit()).isEqualTo(5);

        CsrfTokenEntity token = csrfToken("client-1", "t1");
        assertThat(db.inTransaction(session -> creates.createCsrfToken(session, token)).created()).isTrue();
        CsrfTokenEntity replacement = csrfToken("client-1", "t2");
        Created<io.stratum.api.model.CsrfToken> token2 = db.inTransaction(session -> creates.createCsrfToken(session, replacement));
        assertThat(token2.created()).isFalse();
        assertThat(token2.row().getId()).isEqualTo(token.getId());
        assertThat(token2.row().getToken()).isEqualTo("t2");
        assertThat(token2.row().getExpiration()).isEqualTo(replacement.getExpiration());
        assertThat(count("csrf_token")).isEqualTo(1);

        // Artifacts with a key move their collection to the newest.
        artifactsMoveTheirCollectionToTheNewest();
    }

    private void artifactsMoveTheirCollectionToTheNewest() throws Exception {
        ArtifactEntity first = artifact("report", "v1");
        ArtifactEntity second = artifact("report", "v2");
        ArtifactEntity unkeyed = artifact(null, "loose");
        ArtifactCreated a = db.inTransaction(session -> creates.createArtifact(session, first));
        ArtifactCreated b = db.inTransaction(session -> creates.createArtifact(session, second));
        ArtifactCreated c = db.inTransaction(session -> creates.createArtifact(session, unkeyed));
        assertThat(a.collectionCreated()).isTrue();
        assertThat(a.collection().getLatestId()).isEqualTo(first.getId());
        assertThat(b.collectionCreated()).isFalse();
        assertThat(b.collection().getId()).isEqualTo(a.collection().getId());
        assertThat(b.collection().getLatestId()).isEqualTo(second.getId());
        assertThat(((ArtifactCollectionEntity) b.collection()).getDescription()).isEqualTo("v2");
        assertThat(c.collection()).isNull();
        assertThat(c.artifact().getId()).isEqualTo(unkeyed.getId());
        assertThat(count("artifact")).isEqualTo(3);
        assertThat(count("artifact_collection")).isEqualTo(1);
    }

    @Test
    void deletingTheLatestArtifactRepointsItsCollectionAtTheNewestLeftOrDeletesIt() throws Exception {
        Instant t = Instant.parse("2026-03-01T00:00:00Z");
        List<ArtifactEntity> versions = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            ArtifactEntity version = artifact("report", "v" + i);
            version.setFlowRunId(flowRun.getId());
            version.setCreated(t.plusSeconds(i));
            versions.add(version);
            db.inTransaction(session -> creates.createArtifact(session, version));
        }
        ArtifactEntity unkeyed = artifact(null, "loose");
        db.inTransaction(session -> creates.createArtifact(session, unkeyed));

        // Not the latest: the collection is untouched.
        assertThat(deleteArtifact(versions.get(1).getId())).isTrue();
        assertThat(collection("report").getLatestId()).isEqualTo(versions.get(2).getId());
        // The latest: the collection describes the newest artifact left.
        assertThat(deleteArtifact(versions.get(2).getId())).isTrue();
        ArtifactCollectionEntity repointed = collection("report");
        assertThat(repointed.getLatestId()).isEqualTo(versions.get(0).getId());
        assertThat(repointed.getDescription()).isEqualTo("v1");
        assertThat(repointed.getData()).isEqualTo(JsonNodeFactory.instance.textNode("# v1"));
        assertThat(repointed.getFlowRunId()).isEqualTo(flowRun.getId());
        assertThat(repointed.getCreated()).isEqualTo(t.plusSeconds(1));
        // The last one: the collection goes with it.
        assertThat(deleteArtifact(versions.get(0).getId())).isTrue();
        assertThat(count("artifact_collection WHERE \"key\" = 'report'")).isZero();

        assertThat(deleteArtifact(unkeyed.getId())).isTrue();
        assertThat(deleteArtifact(UUID.randomUUID())).isFalse();
        assertThat(count("artifact")).isZero();
    }

    private boolean deleteArtifact(UUID id) {
        return db.inTransaction(session -> creates.deleteArtifact(session, id));
    }

    private ArtifactCollectionEntity collection(String key) {
        List<ArtifactCollectionEntity> rows = db.sessionContext(false, false, session -> session.createQuery(
                "SELECT c FROM ArtifactCollection c", ArtifactCollectionEntity.class).getResultList());
        return rows.stream().filter(row -> row.getKey().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void aCreateOutsideATransactionOrOfAPersistedObjectIsRefused() {
        assertThatThrownBy(() -> db.sessionContext(false, false, session -> creates.createFlow(session, new FlowEntity("x"))))
                .isInstanceOf(StratumException.class).hasMessageContaining("active transaction");
        assertThatThrownBy(() -> db.inTransaction(session -> creates.createFlow(session, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FlowEntity");
        assertThatThrownBy(() -> db.inTransaction(session -> {
            FlowEntity persisted = new FlowEntity("y");
            session.persist(persisted);
            return creates.createFlow(session, persisted);
        })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already persisted");
    }

    /** One kind of create for the concurrency test: a new entity with the shared key, the create, where its rows are. */
    private record Case(IntFunction<Object> newEntity, BiFunction<EntityManager, Object, Created<?>> create,
                        String rowsWhere) {
    }

    private Case concurrentCase(String kind) {
        UUID runId = flowRun.getId();
        return switch (kind) {
            case "flow" -> new Case(i -> new FlowEntity("same"),
                    (s, e) -> creates.createFlow(s, (FlowEntity) e), "flow WHERE name = 'same'");
            case "flow_run" -> new Case(i -> flowRun("same-key"), (s, e) -> creates.createFlowRun(s, (FlowRunEntity) e,
                    new FlowRunStateEntity(StateType.PENDING, "Pending")), "flow_run WHERE idempotency_key = 'same-key'");
            case "task_run" -> new Case(i -> new TaskRunEntity(runId, "same", "0"),
                    (s, e) -> creates.createTaskRun(s, (TaskRunEntity) e, null), "task_run WHERE task_key = 'same'");
            case "task_run_without_flow_run" -> new Case(i -> new TaskRunEntity(null, "same-alone", "0"),
                    (s, e) -> creates.createTaskRun(s, (TaskRunEntity) e, null), "task_run WHERE task_key = 'same-alone'");
            case "deployment" -> new Case(i -> deployment("same"), (s, e) -> creates.createDeployment(s,
                    (DeploymentEntity) e, List.of(schedule(null))), "deployment WHERE name = 'same'");
            case "block_type" -> new Case(i -> blockType("same"),
                    (s, e) -> creates.createBlockType(s, (BlockTypeEntity) e), "block_type WHERE slug = 'same'");
            case "block_schema" -> new Case(i -> blockSchema("same", blockType.getId()),
                    (s, e) -> creates.createBlockSchema(s, (BlockSchemaEntity) e), "block_schema WHERE checksum = 'same'");
            case "block_document" -> new Case(i -> blockDocument("same", blockType.getId(), blockSchema.getId()),
                    (s, e) -> creates.createBlockDocument(s, (BlockDocumentEntity) e), "block_document WHERE name = 'same'");
            case "saved_search" -> new Case(i -> savedSearch("same", "S" + i),
                    (s, e) -> creates.createSavedSearch(s, (SavedSearchEntity) e), "saved_search WHERE name = 'same'");
            case "artifact_collection" -> new Case(i -> artifact("same", "v" + i), (s, e) -> {
                ArtifactCreated created = creates.createArtifact(s, (ArtifactEntity) e);
                return new Created<>(created.collection(), created.collectionCreated());
            }, "artifact_collection WHERE \"key\" = 'same'");
            case "concurrency_limit" -> new Case(i -> concurrencyLimit("same", i + 1),
                    (s, e) -> creates.createConcurrencyLimit(s, (ConcurrencyLimitEntity) e), "concurrency_limit WHERE tag = 'same'");
            case "csrf_token" -> new Case(i -> csrfToken("same", "t" + i),
                    (s, e) -> creates.createCsrfToken(s, (CsrfTokenEntity) e), "csrf_token WHERE client = 'same'");
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @Test
    void concurrentCreatesOfOneKeyLeaveOneRowAndAgreeOnItForEveryKey() throws Exception {
        for (String kind : List.of("flow", "flow_run", "task_run", "task_run_without_flow_run", "deployment",
                "block_type", "block_schema", "block_document", "saved_search", "artifact_collection",
                "concurrency_limit", "csrf_token")) {
            Case creation = concurrentCase(kind);
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<Created<?>>> futures = new ArrayList<>();
            try {
                for (int i = 0; i < THREADS; i++) {
                    Object entity = creation.newEntity().apply(i);
                    futures.add(pool.submit(() -> {
                        start.await();
                        return db.inTransaction(session -> creation.create().apply(session, entity));
                    }));
                }
                start.countDown();
                Set<UUID> ids = new HashSet<>();
                int created = 0;
                for (Future<Created<?>> future : futures) {
                    Created<?> result = future.get(60, TimeUnit.SECONDS);
                    ids.add(((BaseEntity) result.row()).getId());
                    created += result.created() ? 1 : 0;
                }
                assertThat(ids).as("%s: ids the callers got", kind).hasSize(1);
                assertThat(created).as("%s: callers that created the row", kind).isEqualTo(1);
                assertThat(count(creation.rowsWhere())).as("%s: rows", kind).isEqualTo(1);
            } finally {
                pool.shutdownNow();
                assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    private FlowRunEntity flowRun(String idempotencyKey) {
        FlowRunEntity run = new FlowRunEntity(flow.getId());
        run.setIdempotencyKey(idempotencyKey);
        return run;
    }

    private DeploymentEntity deployment(String name) {
        DeploymentEntity deployment = new DeploymentEntity();
        deployment.setFlowId(flow.getId());
        deployment.setName(name);
        return deployment;
    }

    private static DeploymentScheduleEntity schedule(String slug) {
        DeploymentScheduleEntity schedule = new DeploymentScheduleEntity();
        schedule.setSchedule(Schedule.cron("0 * * * *", "UTC", true));
        schedule.setSlug(slug);
        return schedule;
    }

    private FlowRunEntity scheduledRun(UUID deploymentId, boolean autoScheduled) {
        FlowRunEntity run = new FlowRunEntity(flow.getId());
        run.setDeploymentId(deploymentId);
        run.setAutoScheduled(autoScheduled);
        FlowRunStateEntity state = new FlowRunStateEntity(StateType.SCHEDULED, "Scheduled");
        state.setStateDetails(StateDetails.empty().withScheduledTime(Instant.now().plus(Duration.ofHours(1))));
        db.inTransaction(session -> {
            session.persist(run);
            return db.queries().transitions().setFlowRunState(session, run.getId(), state);
        });
        return run;
    }

    private static BlockTypeEntity blockType(String slug) {
        BlockTypeEntity type = new BlockTypeEntity();
        type.setName(slug);
        type.setSlug(slug);
        return type;
    }

    private static BlockSchemaEntity blockSchema(String checksum, UUID blockTypeId) {
        BlockSchemaEntity schema = new BlockSchemaEntity();
        schema.setChecksum(checksum);
        schema.setBlockTypeId(blockTypeId);
        return schema;
    }

    private static BlockDocumentEntity blockDocument(String name, UUID blockTypeId, UUID blockSchemaId) {
        BlockDocumentEntity document = new BlockDocumentEntity();
        document.setName(name);
        document.setBlockTypeId(blockTypeId);
        document.setBlockSchemaId(blockSchemaId);
        return document;
    }

    private static SavedSearchEntity savedSearch(String name, String state) {
        SavedSearchEntity search = new SavedSearchEntity();
        search.setName(name);
        search.setFilters(List.of(Map.of("state", state)));
        return search;
    }

    private static ConcurrencyLimitEntity concurrencyLimit(String tag, int limit) {
        ConcurrencyLimitEntity entity = new ConcurrencyLimitEntity();
        entity.setTag(tag);
        entity.setConcurrencyLimit(limit);
        return entity;
    }

    private static CsrfTokenEntity csrfToken(String client, String token) {
        CsrfTokenEntity entity = new CsrfTokenEntity();
        entity.setClient(client);
        entity.setToken(token);
        entity.setExpiration(Instant.now().plus(Duration.ofHours(1)));
        return entity;
    }

    private static ArtifactEntity artifact(String key, String description) {
        ArtifactEntity artifact = new ArtifactEntity();
        artifact.setKey(key);
        artifact.setType("markdown");
        artifact.setDescription(description);
        artifact.setData(JsonNodeFactory.instance.textNode("# " + description));
        return artifact;
    }

    private List<String> slugs(UUID deploymentId) {
        return db.sessionContext(false, false, session -> session.createQuery(
                "SELECT s.slug FROM DeploymentSchedule s WHERE s.deploymentId = :id", String.class)
                .setParameter("id", deploymentId).getResultList());
    }

    private long count(String fromWhere) throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT count(*) FROM " + fromWhere)) {
            row.next();
            return row.getLong(1);
        }
    }
}
