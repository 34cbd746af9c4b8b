package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.PrefectAdoption;
import io.stratum.api.PrefectAdoption.Verdict;
import io.stratum.api.Revision;
import io.stratum.api.SchemaReport;
import io.stratum.api.Stratum;
import io.stratum.api.model.StateType;
import io.stratum.api.query.ScheduledFlowRun;
import io.stratum.api.query.TransitionResult;
import io.stratum.api.query.WorkerPollRequest;
import io.stratum.orm.model.FlowRunEntity;
import io.stratum.orm.model.FlowRunStateEntity;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Adopting a database made by Prefect's migrations ({@link DatabaseInterface#adoptPrefectDatabase}):
 * a "Prefect" database built from raw DDL ({@link PrefectDatabase}, every real-chain difference applied
 * visibly) with rows in every table is recognised, adopted keeping every row, then upgraded by
 * Stratum's own later revisions to a clean schema that takes transitions and claims; one with a
 * column missing, or at the previous Prefect head, is refused unchanged.
 */
abstract class PrefectAdoptionContract {
    protected TestDatabase database;
    private DatabaseInterface db;

    abstract TestDatabase newDatabase();

    /** Whether this dialect applies the adoption (its dry run and refusals are tested either way). */
    abstract boolean applies();

    @BeforeEach
    void createPrefectDatabase() {
        database = newDatabase();
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
        database.close();
    }

    private DatabaseInterface open() {
        db = Stratum.open(database.settings().migrateOnStart(false).build());
        return db;
    }

    @Test
    void aDryRunRecognisesThePrefectHeadListsTheChangesAndChangesNothing() throws Exception {
        PrefectDatabase.create(database, PrefectDatabase.head(database));
        new TableSeeder(database).seedEmptyTables();
        Snapshot before = Snapshot.of(database);

        PrefectAdoption adoption = open().adoptPrefectDatabase(false);

        assertThat(adoption.differences()).isEmpty();
        assertThat(adoption.verdict()).isEqualTo(Verdict.ADOPTABLE);
        assertThat(adoption.prefectRevision()).contains(PrefectDatabase.head(database));
        assertThat(adoption.stratumRevision()).isEqualTo("3");
        assertThat(String.join("\n", adoption.changes())).contains(
                "rename check ck_block_document_reference__ck_block_document_refer",
                "rename foreign key fk_block__block_schema_id__block_schema (block_document) to "
                        + "fk_block_document__block_schema_id__block_schema",
                "make foreign key fk_work_pool__default_queue_id__work_queue (work_pool) DEFERRABLE INITIALLY DEFERRED",
                "make foreign key fk_flow_run__state_id__flow_run_state (flow_run) DEFERRABLE INITIALLY DEFERRED",
                "set Stratum's column defaults", "then drop alembic_version");
        if (!PrefectDatabase.isPostgres(database)) {
            assertThat(String.join("\n", adoption.changes())).contains(
                    "re-create index ix_flow_run__end_time_desc (flow_run) as (end_time DESC) (Prefect: plain)",
                    "re-create unique uq_task_run_state__task_run_id_timestamp_desc (task_run_state)",
                    "re-create unique uq_flow_run_state__flow_run_id_timestamp_desc (flow_run_state)",
                    "re-create index ix_block_type_name_case_insensitive (block_type) as (name COLLATE NOCASE)",
                    "create index ix_flow_run__coalesce_start_time_expected_start_time_asc (flow_run)",
                    "create index ix_flow_run__coalesce_start_time_expected_start_time_desc (flow_run)",
                    "declare flow_run.state_type as Stratum does", "declare task_run_state.type as Stratum does");
        }
        assertThat(Snapshot.of(database)).isEqualTo(before);
    }

    @Test
    void adoptsKeepingEveryRowThenUpgradesToACleanSchemaThatTakesTransitionsAndClaims() throws Exception {
        if (!applies()) {
            return;
        }
        PrefectDatabase.create(database, PrefectDatabase.head(database));
        List<String> seeded = new TableSeeder(database).seedEmptyTables();
        assertThat(seeded).hasSizeGreaterThan(30);
        Snapshot before = Snapshot.of(database);
        Map<String, List<String>> columns = SchemaSnapshot.of(database).columns();
        columns.remove("alembic_version");
        Map<String, String> rows = SchemaSnapshot.rowChecksums(database, columns);

        PrefectAdoption adoption = open().adoptPrefectDatabase(true);

        assertThat(adoption.verdict()).as("%s", adoption.differences()).isEqualTo(Verdict.ADOPTED);
        if (PrefectDatabase.isPostgres(database)) {
            assertThat(adoption.backup()).isEmpty(); // one transaction: nothing to restore from
        } else {
            // The copy taken first is the Prefect database as it was.
            assertThat(adoption.backup()).hasValueSatisfying(copy -> assertThat(java.nio.file.Path.of(copy)).exists());
            try (Connection copy = java.sql.DriverManager.getConnection("jdbc:sqlite:" + adoption.backup().get());
                 Statement statement = copy.createStatement();
                 java.sql.ResultSet version = statement.executeQuery("SELECT version_num FROM alembic_version")) {
                assertThat(version.next()).isTrue();
                assertThat(version.getString(1)).isEqualTo(PrefectDatabase.head(database));
            }
            java.nio.file.Files.delete(java.nio.file.Path.of(adoption.backup().get()));
        }
        assertThat(SchemaSnapshot.of(database).tables()).doesNotContainKey("alembic_version");
        assertThat(db.migrations().current()).contains("3");
        assertThat(SchemaSnapshot.rowChecksums(database, columns)).isEqualTo(rows);
        assertThat(before.rows()).isNotEmpty();

        List<Revision> applied = db.migrations().upgrade("head");
        assertThat(applied).extracting(Revision::id).containsExactly("4", "5", "6");
        SchemaReport report = db.verifySchema();
        assertThat(report.problems()).as(report.describe()).isEmpty();
        assertThat(SchemaSnapshot.rowChecksums(database, columns)).isEqualTo(rows);

        // The adopted database works: a new scheduled run in a seeded queue is moved and claimed.
        WorkerPollingFixture fixture = new WorkerPollingFixture().create(db);
        FlowRunEntity run = db.inTransaction(session -> fixture.run(session, fixture.queues.get("AA"),
                StateType.SCHEDULED, Instant.now().minus(2, ChronoUnit.DAYS), null));
        TransitionResult pending = db.inTransaction(session -> db.queries().transitions().setFlowRunState(session,
                run.getId(), state(StateType.PENDING)));
        assertThat(pending.stateType()).isEqualTo(StateType.PENDING);
        List<ScheduledFlowRun> claimed = db.inTransactionForUpdate(session ->
                db.queries().polling().claim(session, WorkerPollRequest.builder().limit(3).build()));
        assertThat(claimed).hasSize(3);
    }

    @Test
    void refusesACopyWithAColumnMissingUnchanged() throws Exception {
        PrefectDatabase.create(database, PrefectDatabase.head(database));
        new TableSeeder(database).seedEmptyTables();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE flow DROP COLUMN labels");
        }
        Snapshot before = Snapshot.of(database);

        PrefectAdoption adoption = open().adoptPrefectDatabase(true);

        assertThat(adoption.verdict()).isEqualTo(Verdict.DIFFERS);
        assertThat(adoption.differences()).containsExactly("column flow.labels (Flow.labels) is missing");
        assertThat(Snapshot.of(database)).isEqualTo(before);
        assertThat(db.migrations().current()).isEmpty();
    }

    @Test
    void refusesThePreviousPrefectHeadUnchanged() throws Exception {
        PrefectDatabase.create(database, PrefectDatabase.previousHead(database));
        new TableSeeder(database).seedEmptyTables();
        Snapshot before = Snapshot.of(database);

        PrefectAdoption adoption = open().adoptPrefectDatabase(true);

        assertThat(adoption.verdict()).isEqualTo(Verdict.OLDER_PREFECT_REVISION);
        assertThat(adoption.differences()).singleElement().asString().contains("at Prefect revision "
                + PrefectDatabase.previousHead(database), "upgrade it with Prefect first");
        assertThat(Snapshot.of(database)).isEqualTo(before);
    }

    private static FlowRunStateEntity state(StateType type) {
        FlowRunStateEntity state = new FlowRunStateEntity(type, type.name().charAt(0) + type.name().substring(1).toLowerCase());
        state.setTimestamp(Instant.now());
        return state;
    }

    /** The catalogue and every row: what "unchanged" means. */
    record Snapshot(List<String> catalogue, Map<String, String> rows) {
        static Snapshot of(TestDatabase database) throws SQLException {
            SchemaSnapshot schema = SchemaSnapshot.of(database);
            return new Snapshot(schema.lines(), SchemaSnapshot.rowChecksums(database, schema.columns()));
        }
    }
}
