package io.stratum.it;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import io.stratum.api.model.DeploymentStatus;
import io.stratum.api.model.WorkPoolStatus;
import io.stratum.api.model.WorkQueueStatus;
import io.stratum.api.model.WorkerStatus;
import io.stratum.orm.model.BaseEntity;
import io.stratum.orm.model.FlowRunEntity;
import io.stratum.orm.model.FlowRunStateEntity;
import io.stratum.orm.model.VariableEntity;
import io.stratum.orm.types.Actions;
import io.stratum.orm.types.FlowRunPolicy;
import io.stratum.orm.types.Json;
import io.stratum.orm.types.JsonColumnException;
import io.stratum.orm.types.StateDetails;
import io.stratum.orm.types.TaskRunPolicy;
import io.stratum.orm.types.WorkPoolStorageConfiguration;
import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * What the columns hold: every column type round-trips through the entities; typed JSON refuses a
 * naive timestamp on read; NaN and ±Infinity are stored as null; the server defaults of the reference
 * apply to raw inserts that give only the required columns, and the entities read them.
 */
abstract class ModelValuesContract extends MigratedDatabaseContract {
    /** A server default of "now": a timestamp taken by the database during the test. */
    private static final Object NOW = new Object() {
        @Override
        public String toString() {
            return "<now>";
        }
    };

    /** The server defaults of reference section 4 ("sd"), besides id, created and updated on every table. */
    private static final Map<String, Object> SERVER_DEFAULTS = Map.ofEntries(
            entry("flow.tags", List.of()),
            entry("flow_run.run_count", 0), entry("flow_run.total_run_time", Duration.ZERO),
            entry("flow_run.parameters", Map.of()), entry("flow_run.context", Map.of()),
            entry("flow_run.empirical_policy", FlowRunPolicy.empty()), entry("flow_run.tags", List.of()),
            entry("flow_run.job_variables", Map.of()), entry("flow_run.auto_scheduled", false),
            entry("flow_run_state.timestamp", NOW), entry("flow_run_state.state_details", StateDetails.empty()),
            entry("task_run.run_count", 0), entry("task_run.total_run_time", Duration.ZERO),
            entry("task_run.flow_run_run_count", 0), entry("task_run.empirical_policy", TaskRunPolicy.empty()),
            entry("task_run.task_inputs", Map.of()), entry("task_run.tags", List.of()),
            entry("task_run_state.timestamp", NOW), entry("task_run_state.state_details", StateDetails.empty()),
            entry("deployment.infra_overrides", Map.of()), entry("deployment.status", DeploymentStatus.NOT_READY),
            entry("deployment.paused", false), entry("deployment.tags", List.of()), entry("deployment.parameters", Map.of()),
            entry("deployment.enforce_parameter_schema", false),
            entry("deployment_schedule.parameters", Map.of()),
            entry("deployment_version.version_info", "{}"), entry("deployment_version.tags", "[]"),
            entry("deployment_version.parameters", "{}"), entry("deployment_version.enforce_parameter_schema", false),
            entry("deployment_version.infra_overrides", "{}"),
            entry("concurrency_limit.active_slots", List.of()),
            entry("block_type.is_protected", false),
            entry("block_schema.fields", Map.of()), entry("block_schema.capabilities", List.of()),
            entry("block_schema.version", "non-versioned"),
            entry("block_document.data", SampleValues.json("{}")), entry("block_document.is_anonymous", false),
            entry("saved_search.filters", List.of()),
            entry("work_pool.base_job_template", Map.of()), entry("work_pool.is_paused", false),
            entry("work_pool.status", WorkPoolStatus.NOT_READY),
            entry("work_pool.storage_configuration", WorkPoolStorageConfiguration.empty()),
            entry("work_queue.description", ""), entry("work_queue.is_paused", false),
            entry("work_queue.status", WorkQueueStatus.NOT_READY),
            entry("worker.last_heartbeat_time", NOW), entry("worker.status", WorkerStatus.OFFLINE),
            entry("agent.last_activity_time", NOW),
            entry("variable.tags", List.of()),
            entry("automation.enabled", true), entry("automation.tags", List.of()),
            entry("automation.actions_on_trigger", Actions.empty()), entry("automation.actions_on_resolve", Actions.empty()),
            entry("automation_bucket.bucketing_key", List.of()),
            entry("automation_related_resource.automation_owned_by_resource", false),
            entry("events.related_resource_ids", List.of()), entry("events.related", List.of()));
    private static final Set<String> BASE_COLUMNS = Set.of("id", "created", "updated");

    @Test
    void everyColumnOfEveryTableRoundTrips() throws Exception {
        ModelGraph graph = new ModelGraph().persist(db);
        SoftAssertions soft = new SoftAssertions();
        db.sessionContext(false, false, session -> {
            for (BaseEntity written : graph.entities()) {
                BaseEntity read = session.find(written.getClass(), written.getId());
                for (Field field : SampleValues.mappedFields(written.getClass())) {
                    soft.assertThat(SampleValues.get(field, read))
                            .as("%s.%s (%s)", ModelGraph.table(written.getClass()), SampleValues.column(field),
                                    field.getType().getSimpleName())
                            .isEqualTo(SampleValues.get(field, written));
                }
            }
            return null;
        });
        soft.assertAll();
    }

    @Test
    void aNaiveTimestampInTypedJsonIsRefusedOnReadNamingTheColumn() throws Exception {
        UUID state = new ModelGraph().persist(db).runState.getId();
        for (String naive : List.of("2026-01-02T03:04:05", "2026-01-02 03:04:05.000000")) {
            execute("UPDATE flow_run_state SET state_details = ? WHERE id = ?", "{\"scheduled_time\": \"" + naive + "\"}",
                    state);
            assertThatThrownBy(() -> db.sessionContext(false, false, s -> s.find(FlowRunStateEntity.class, state)))
                    .as("scheduled_time %s", naive)
                    .satisfies(error -> assertThat(causeOfType(error, JsonColumnException.class))
                            .as("a JsonColumnException among the causes of %s", error)
                            .isNotNull()
                            .hasMessageContaining("state_details")
                            .hasMessageContaining(naive + " at scheduled_time"));
        }
        // With an offset the same moment reads, normalised to UTC.
        execute("UPDATE flow_run_state SET state_details = ? WHERE id = ?",
                "{\"scheduled_time\": \"2026-01-02T05:04:05+02:00\"}", state);
        Instant scheduled = db.sessionContext(false, false,
                s -> s.find(FlowRunStateEntity.class, state).getStateDetails().scheduledTime());
        assertThat(scheduled).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
    }

    @Test
    void nanAndInfinityAreStoredAsNull() throws Exception {
        ModelGraph graph = new ModelGraph().persist(db);
        FlowRunEntity run = new FlowRunEntity(graph.flow.getId());
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("nan", Double.NaN);
        parameters.put("infinity", Double.POSITIVE_INFINITY);
        parameters.put("minus_infinity", Double.NEGATIVE_INFINITY);
        parameters.put("finite", 2.5);
        run.setParameters(parameters);
        run.setEmpiricalPolicy(new FlowRunPolicy(null, Double.NaN, null, null, null, null, null));
        VariableEntity variable = new VariableEntity();
        variable.setName("not-a-number");
        variable.setValue(DoubleNode.valueOf(Double.POSITIVE_INFINITY));
        db.inTransaction(session -> {
            session.persist(run);
            session.persist(variable);
            return null;
        });
        JsonNode stored = Json.tree(text("SELECT parameters FROM flow_run WHERE id = ?", run.getId()), "parameters");
        assertThat(stored.get("nan").isNull()).isTrue();
        assertThat(stored.get("infinity").isNull()).isTrue();
        assertThat(stored.get("minus_infinity").isNull()).isTrue();
        assertThat(stored.get("finite").asDouble()).isEqualTo(2.5);
        JsonNode policy = Json.tree(text("SELECT empirical_policy FROM flow_run WHERE id = ?", run.getId()), "policy");
        assertThat(policy.get("retry_delay_seconds").isNull()).isTrue();
        String value = text("SELECT value FROM variable WHERE id = ?", variable.getId());
        assertThat(value == null || Json.tree(value, "value").isNull()).as("variable.value stored as %s", value).isTrue();
    }

    @Test
    void theLiveSchemaHasExactlyTheReferenceServerDefaults() throws Exception {
        Set<String> expected = new TreeSet<>(SERVER_DEFAULTS.keySet());
        Set<String> tables = new ModelGraph().tables();
        tables.forEach(table -> BASE_COLUMNS.forEach(column -> expected.add(table + "." + column)));
        Set<String> live = new TreeSet<>();
        try (Connection connection = connection();
             ResultSet rows = connection.getMetaData().getColumns(null, connection.getSchema(), "%", "%")) {
            while (rows.next()) {
                if (tables.contains(rows.getString("TABLE_NAME")) && rows.getString("COLUMN_DEF") != null) {
                    live.add(rows.getString("TABLE_NAME") + "." + rows.getString("COLUMN_NAME"));
                }
            }
        }
        assertThat(live).isEqualTo(expected);
    }

    @TestFactory
    Stream<DynamicTest> serverDefaultsApplyToRawInsertsOfTheRequiredColumnsOnly() throws Exception {
        ModelGraph graph = new ModelGraph().persist(db);
        Map<String, String> parents = ReferenceCatalogue.foreignKeys(dialect()).stream().collect(Collectors.toMap(
                key -> key.child() + "." + key.column(), ReferenceCatalogue.ForeignKey::parent));
        Map<String, Class<? extends BaseEntity>> entities = new LinkedHashMap<>();
        graph.entities().forEach(entity -> entities.put(ModelGraph.table(entity.getClass()), entity.getClass()));
        return graph.tables().stream().map(table -> dynamicTest(table, () -> {
            Instant before = Instant.now().minusSeconds(60);
            UUID id = insertRequiredColumns(table, entities.get(table), graph, parents);
            Instant after = Instant.now().plusSeconds(60);
            assertThat(text("SELECT count(*) FROM " + table + " WHERE id = ?", id)).isEqualTo("1");
            Map<String, Object> values = entities.containsKey(table)
                    ? readThroughEntity(entities.get(table), id) : readRaw(table, id);
            SoftAssertions soft = new SoftAssertions();
            values.forEach((column, value) -> {
                Object wanted = SERVER_DEFAULTS.get(table + "." + column);
                if (wanted == NOW || column.equals("created") || column.equals("updated")) {
                    soft.assertThat((Instant) value).as("%s.%s", table, column).isBetween(before, after);
                } else if (wanted != null) {
                    soft.assertThat(value).as("%s.%s", table, column).isEqualTo(wanted);
                }
            });
            soft.assertAll();
        }));
    }

    /** Inserts a row giving only the NOT NULL columns without a server default; returns its generated id. */
    private UUID insertRequiredColumns(String table, Class<? extends BaseEntity> entity, ModelGraph graph,
                                       Map<String, String> parents) throws Exception {
        Map<String, Field> fields = new LinkedHashMap<>();
        if (entity != null) {
            SampleValues.mappedFields(entity).forEach(field -> fields.put(SampleValues.column(field), field));
        }
        List<String> columns = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        List<String> parentsUsed = new ArrayList<>();
        SampleValues samples = new SampleValues();
        try (Connection connection = connection();
             ResultSet rows = connection.getMetaData().getColumns(null, connection.getSchema(), table, "%")) {
            while (rows.next()) {
                String column = rows.getString("COLUMN_NAME");
                if (rows.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls || rows.getString("COLUMN_DEF") != null) {
                    continue;
                }
                columns.add(quote(column));
                String parent = parents.get(table + "." + column);
                if (parent != null) {
                    // Two keys to one table (parent and reference) get different rows: a self reference is refused.
                    List<UUID> parentRows = graph.ids(parent);
                    values.add(parentRows.get(Collections.frequency(parentsUsed, parent) % parentRows.size()));
                    parentsUsed.add(parent);
                } else if (fields.containsKey(column)) {
                    values.add(rawValue(samples.sample(fields.get(column), null)));
                } else {
                    values.add(rawValueOfType(rows.getString("TYPE_NAME")));
                }
            }
        }
        Set<String> before = ids(table);
        execute(columns.isEmpty() ? "INSERT INTO " + table + " DEFAULT VALUES" : "INSERT INTO " + table + " ("
                + String.join(", ", columns) + ") VALUES (" + columns.stream().map(c -> "?").collect(Collectors.joining(", "))
                + ")", values.toArray());
        Set<String> added = ids(table);
        added.removeAll(before);
        assertThat(added).as("new rows of %s", table).hasSize(1);
        String id = added.iterator().next();
        assertThat(id).as("generated id of %s", table).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        return UUID.fromString(id);
    }

    private Object rawValue(Object sample) {
        if (sample instanceof Instant) {
            return timestampParameter((Instant) sample);
        } else if (sample instanceof Enum<?>) {
            return ((Enum<?>) sample).name();
        } else if (sample instanceof String || sample instanceof Number || sample instanceof Boolean
                || sample instanceof UUID) {
            return sample;
        }
        return Json.write(sample, "sample"); // JSON columns take their text
    }

    /** A value for a required column of a table no entity maps, by its type as JDBC metadata names it. */
    private Object rawValueOfType(String typeName) {
        return switch (typeName.toLowerCase(java.util.Locale.ROOT)) {
            case "uuid", "char" -> UUID.randomUUID();
            case "int4", "int2", "integer", "smallint" -> 1;
            case "timestamptz", "datetime" -> timestampParameter(SampleValues.BASE_TIME);
            case "bool", "boolean" -> true;
            case "jsonb", "json" -> "{}";
            default -> "text";
        };
    }

    private Set<String> ids(String table) throws Exception {
        return query("SELECT id FROM " + table).stream().map(row -> row[0].toString())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private Map<String, Object> readThroughEntity(Class<? extends BaseEntity> entity, UUID id) {
        return db.sessionContext(false, false, session -> {
            BaseEntity row = session.find(entity, id);
            Map<String, Object> values = new LinkedHashMap<>();
            SampleValues.mappedFields(entity).forEach(field -> values.put(SampleValues.column(field),
                    SampleValues.get(field, row)));
            return values;
        });
    }

    /** The defaulted columns of a row no entity maps (deployment_version): JSON as its text, booleans as such. */
    private Map<String, Object> readRaw(String table, UUID id) throws Exception {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : SERVER_DEFAULTS.entrySet()) {
            if (entry.getKey().startsWith(table + ".")) {
                String column = entry.getKey().substring(table.length() + 1);
                String stored = text("SELECT " + quote(column) + " FROM " + table + " WHERE id = ?", id);
                values.put(column, entry.getValue() instanceof Boolean ? (Object) ("true".equals(stored) || "1".equals(stored))
                        : Json.tree(stored, column).toString());
            }
        }
        return values;
    }
}
