package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.stratum.api.spi.SchemaObject;
import io.stratum.api.spi.SchemaObject.Kind;
import io.stratum.orm.model.BlockDocumentReferenceEntity;
import io.stratum.orm.model.DeploymentScheduleEntity;
import io.stratum.orm.model.FlowRunEntity;
import io.stratum.orm.model.TaskRunEntity;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The constraints of the reference acting in the database, table-driven from the reference catalogue:
 * every unique constraint rejects a duplicate (and NULL keys never collide), every ON DELETE action of
 * reference 4.38 happens, the self-reference check holds.
 */
abstract class ModelConstraintsContract extends MigratedDatabaseContract {

    @TestFactory
    Stream<DynamicTest> everyUniqueConstraintRejectsADuplicate() throws Exception {
        ModelGraph graph = new ModelGraph().persist(db);
        List<SchemaObject> uniques = ReferenceCatalogue.objects(dialect(), Kind.UNIQUE);
        assertThat(uniques).hasSizeGreaterThan(25);
        return uniques.stream().map(unique -> dynamicTest(unique.where(), () -> {
            List<UUID> rows = graph.ids(unique.table());
            assertThat(rows).as("the graph has a row of %s", unique.table()).isNotEmpty();
            Throwable error = catchSqlError(() -> copyRow(unique.table(), rows.get(rows.size() - 1)));
            assertThat(error).as("a copy of a %s row", unique.table()).isInstanceOf(SQLException.class);
            assertUniqueViolation((SQLException) error, unique);
        }));
    }

    private void assertUniqueViolation(SQLException error, SchemaObject unique) {
        if (Dialects.POSTGRESQL.equals(dialect())) {
            assertThat(error.getSQLState()).isEqualTo("23505");
            assertThat(error.getMessage()).contains("\"" + unique.name() + "\"");
        } else {
            // SQLite names the columns, not the constraint; the copy has a new id, so it is not the key.
            assertThat(error.getMessage()).contains("UNIQUE constraint failed: " + unique.table() + ".")
                    .doesNotEndWith(unique.table() + ".id");
        }
    }

    /** Inserts a copy of the row with a new id and every other column unchanged. */
    private void copyRow(String table, UUID id) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Connection connection = connection(); Statement statement = connection.createStatement();
             ResultSet empty = statement.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            for (int i = 1; i <= empty.getMetaData().getColumnCount(); i++) {
                columns.add(quote(empty.getMetaData().getColumnName(i)));
            }
        }
        String copied = columns.stream().map(c -> c.equals("\"id\"") ? "?" : c).collect(Collectors.joining(", "));
        execute("INSERT INTO " + table + " (" + String.join(", ", columns) + ") SELECT " + copied + " FROM " + table
                + " WHERE id = ?", UUID.randomUUID(), id);
    }

    @Test
    void nullKeysNeverCollideWhereTheReferenceSaysSo() throws Exception {
        ModelGraph graph = new ModelGraph().persist(db);
        db.inTransaction(session -> {
            for (int i = 0; i < 2; i++) {
                FlowRunEntity run = new FlowRunEntity(graph.flow.getId()); // (flow_id, NULL idempotency_key)
                session.persist(run);
                DeploymentScheduleEntity schedule = new DeploymentScheduleEntity(); // (deployment_id, NULL slug)
                schedule.setDeploymentId(graph.deployment.getId());
                schedule.setSchedule(graph.schedule.getSchedule());
                session.persist(schedule);
                session.persist(new TaskRunEntity(null, "extract", "0")); // (NULL flow_run_id, task_key, dynamic_key)
            }
            return null;
        });
        assertThat(text("SELECT count(*) FROM flow_run WHERE flow_id = ? AND idempotency_key IS NULL",
                graph.flow.getId())).isEqualTo("2");
        assertThat(text("SELECT count(*) FROM deployment_schedule WHERE deployment_id = ? AND slug IS NULL",
                graph.deployment.getId())).isEqualTo("2");
        assertThat(text("SELECT count(*) FROM task_run WHERE flow_run_id IS NULL AND task_key = 'extract' "
                + "AND dynamic_key = '0'")).isEqualTo("2");
    }

    @TestFactory
    Stream<DynamicTest> everyForeignKeyActsOnDeleteAsTheReferenceSays() {
        List<ReferenceCatalogue.ForeignKey> keys = ReferenceCatalogue.foreignKeys(dialect());
        assertThat(keys).hasSizeGreaterThan(30);
        return keys.stream().map(key -> dynamicTest(key.toString(), () -> assertDeleteAction(key)));
    }

    /** Deletes the parent of a child row of a fresh graph and checks what became of the child. */
    private void assertDeleteAction(ReferenceCatalogue.ForeignKey key) throws Exception {
        ModelGraph graph = new ModelGraph().persist(db);
        Map<UUID, Object[]> withKey = new HashMap<>();
        for (Object[] row : query("SELECT id, " + quote(key.column()) + " FROM " + key.child() + " WHERE "
                + quote(key.column()) + " IS NOT NULL")) {
            withKey.put(UUID.fromString(row[0].toString()), row);
        }
        Object[] child = null;
        for (UUID id : graph.ids(key.child())) {
            child = withKey.getOrDefault(id, child); // the graph's last such row: ModelGraph says why it is free
        }
        assertThat(child).as("the graph has a %s row with %s set", key.child(), key.column()).isNotNull();
        String childId = child[0].toString();
        String parentId = child[1].toString();
        Throwable error = catchSqlError(() -> execute("DELETE FROM " + key.parent() + " WHERE id = ?", parentId));
        String column = text("SELECT count(*) FROM " + key.child() + " WHERE id = ?", childId).equals("0") ? "<deleted>"
                : String.valueOf(text("SELECT " + quote(key.column()) + " FROM " + key.child() + " WHERE id = ?", childId));
        switch (key.action()) {
            case "CASCADE" -> {
                assertThat(error).as("delete of the %s row", key.parent()).isNull();
                assertThat(column).as("the %s row", key.child()).isEqualTo("<deleted>");
            }
            case "SET NULL" -> {
                assertThat(error).as("delete of the %s row", key.parent()).isNull();
                assertThat(column).as("%s.%s", key.child(), key.column()).isEqualTo("null");
            }
            case "RESTRICT", "NO ACTION" -> {
                assertThat(error).as("delete of a %s row still referenced", key.parent()).isInstanceOf(SQLException.class);
                assertThat(column).as("%s.%s", key.child(), key.column()).isEqualTo(parentId);
                assertThat(text("SELECT count(*) FROM " + key.parent() + " WHERE id = ?", parentId)).isEqualTo("1");
            }
            default -> throw new AssertionError("unexpected ON DELETE action " + key.action());
        }
    }

    @Test
    void aBlockDocumentCannotReferenceItself() throws Exception {
        ModelGraph graph = new ModelGraph().persist(db);
        BlockDocumentReferenceEntity reference = new BlockDocumentReferenceEntity();
        reference.setName("self");
        reference.setParentBlockDocumentId(graph.runInfrastructure.getId());
        reference.setReferenceBlockDocumentId(graph.runInfrastructure.getId());
        assertThatThrownBy(() -> db.inTransaction(session -> {
            session.persist(reference);
            return null;
        })).satisfies(error -> assertThat(causeOfType(error, SQLException.class))
                .hasMessageContaining("ck_block_document_reference__no_self_reference"));
        assertThat(text("SELECT count(*) FROM block_document_reference WHERE id = ?", reference.getId())).isEqualTo("0");
    }

    interface SqlAction {
        void run() throws Exception;
    }

    private static Throwable catchSqlError(SqlAction action) throws Exception {
        try {
            action.run();
            return null;
        } catch (SQLException e) {
            return e;
        }
    }
}
