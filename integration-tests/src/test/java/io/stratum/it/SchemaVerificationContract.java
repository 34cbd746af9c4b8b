package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.SchemaReport;
import io.stratum.api.model.OrmModel;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The schema drift check ({@code DatabaseInterface.verifySchema}) against live databases: clean on a
 * freshly migrated schema, and exactly the drift made by raw SQL when there is some.
 */
abstract class SchemaVerificationContract extends MigratedDatabaseContract {

    /** Drops the NOT NULL of a column, as an operator's hand-made change would. */
    abstract void makeNullable(String table, String column) throws Exception;

    /** Changes a column's type, keeping its data where it converts. */
    abstract void changeColumnType(String table, String column, String type) throws Exception;

    /** Re-creates a foreign key (named {@code constraint}, on {@code column}) with another ON DELETE action. */
    abstract void changeOnDelete(String table, String constraint, String column, String action) throws Exception;

    /** Every object left in the database or its schema (tables, indexes, types, functions, extensions). */
    abstract long objectCount() throws Exception;

    @Test
    void aFreshlyMigratedSchemaIsClean() {
        SchemaReport report = db.verifySchema();
        assertThat(report.problems()).as(report.describe()).isEmpty();
        assertThat(report.isClean()).isTrue();
        assertThat(report.describe()).contains("matches the model");
    }

    @Test
    void reportsExactlyTheDriftMadeByRawSql() throws Exception {
        execute("ALTER TABLE flow ADD COLUMN mood VARCHAR");
        execute("CREATE TABLE scratch (id INTEGER)");
        execute("DROP INDEX ix_flow_run__state_name");
        makeNullable("csrf_token", "token");

        SchemaReport report = db.verifySchema();

        assertThat(report.problems()).containsExactlyInAnyOrder(
                "column flow.mood is unknown: entity Flow maps no attribute to it and it is not a documented "
                        + "migration-only column",
                "table scratch is unknown: no entity maps it and the reference does not list it",
                "index ix_flow_run__state_name (flow_run) is missing",
                "column csrf_token.token (CsrfToken.token) is nullable in the database but NOT NULL in the model");
        assertThat(report.isClean()).isFalse();
        assertThat(report.describe()).startsWith("The " + dialect().id() + " schema differs from the model in 4 places:")
                .contains("  - index ix_flow_run__state_name (flow_run) is missing");
    }

    @Test
    void reportsIndexFormsNotOnlyNames() throws Exception {
        execute("DROP INDEX ix_deployment_schedule__deployment_id__slug");
        execute("CREATE UNIQUE INDEX ix_deployment_schedule__deployment_id__slug ON deployment_schedule (deployment_id, slug)");
        execute("DROP INDEX ix_flow_run__end_time_desc");
        execute("CREATE INDEX ix_flow_run__end_time_desc ON flow_run (end_time)");
        execute("DROP INDEX ix_task_run_state_cache__cache_key_created_desc");
        execute("CREATE INDEX ix_task_run_state_cache__cache_key_created_desc ON task_run_state_cache (cache_key, created)"
                + " WHERE cache_expiration IS NULL");

        SchemaReport report = db.verifySchema();

        assertThat(report.problems()).containsExactlyInAnyOrder(
                "unique ix_deployment_schedule__deployment_id__slug (deployment_schedule) is a plain ascending index, but the reference has "
                        + "'(deployment_id, slug) WHERE slug IS NOT NULL'",
                "index ix_flow_run__end_time_desc (flow_run) is a plain ascending index, but the reference has '(end_time DESC)'",
                "index ix_task_run_state_cache__cache_key_created_desc (task_run_state_cache) is '(cache_key, created) "
                        + "WHERE cache_expiration IS NULL', but the reference has '(cache_key, created DESC)'");
    }

    @Test
    void reportsAChangedColumnTypeAndAChangedDeleteAction() throws Exception {
        changeColumnType("log", "level", "TEXT");
        changeOnDelete("agent", "fk_agent__work_queue_id__work_queue", "work_queue_id", "CASCADE");

        SchemaReport report = db.verifySchema();

        assertThat(report.problems()).containsExactlyInAnyOrder(
                "column log.level (Log.level) has type " + (isPostgres() ? "text" : "TEXT")
                        + ", which cannot hold smallint values",
                "foreign key fk_agent__work_queue_id__work_queue (agent) is 'work_queue_id -> work_queue ON DELETE "
                        + "CASCADE', but the reference has 'work_queue_id -> work_queue ON DELETE NO ACTION'");
    }

    @Test
    void dropDbRemovesEveryObjectOfAFullSchemaWithRowsAndCreateDbRebuildsIt() throws Exception {
        ModelGraph graph = new ModelGraph().persist(db);
        Set<String> tables = liveTables();
        tables.remove("stratum_schema_history");
        assertThat(graph.tables()).as("the graph fills every table").containsAll(tables);
        for (String table : tables) {
            assertThat(text("SELECT count(*) FROM " + table)).as("rows in %s", table).isNotEqualTo("0");
        }

        db.dropDb();
        assertThat(objectCount()).as("objects left after dropDb").isZero();

        db.createDb();
        SchemaReport report = db.verifySchema();
        assertThat(report.problems()).as(report.describe()).isEmpty();
        new ModelGraph().persist(db); // the rebuilt schema takes a full graph again
    }

    @Test
    void everyModelAccessorReturnsTheEntityOfItsContractsTable() throws Exception {
        int accessors = 0;
        for (Method accessor : DatabaseInterface.class.getMethods()) {
            if (!accessor.isDefault() || accessor.getParameterCount() != 0 || accessor.getReturnType() != Class.class) {
                continue;
            }
            Type bound = ((WildcardType) ((ParameterizedType) accessor.getGenericReturnType())
                    .getActualTypeArguments()[0]).getUpperBounds()[0];
            Class<?> contract = (Class<?>) bound;
            Class<?> entity = (Class<?>) accessor.invoke(db);
            assertThat(contract).as(accessor.getName()).isAssignableFrom(entity);
            assertThat(ModelGraph.table(entity)).as(accessor.getName()).isEqualTo(contract.getField("TABLE").get(null));
            accessors++;
        }
        assertThat(accessors).isEqualTo(OrmModel.class.getPermittedSubclasses().length).isEqualTo(db.models().size());
    }

    boolean isPostgres() {
        return Dialects.POSTGRESQL.equals(dialect());
    }

    private Set<String> liveTables() throws Exception {
        Set<String> tables = new TreeSet<>();
        try (Connection connection = connection();
             ResultSet rows = connection.getMetaData().getTables(null, connection.getSchema(), "%", new String[] {"TABLE"})) {
            while (rows.next()) {
                tables.add(rows.getString("TABLE_NAME"));
            }
        }
        return tables;
    }
}
