package io.stratum.orm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.api.Dialect;
import io.stratum.api.model.OrmModel;
import io.stratum.api.spi.SchemaObject;
import io.stratum.api.spi.SchemaObject.Kind;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The hand-written schema list the drift check holds databases against: readable, strict, complete. */
class ExpectedSchemaTest {
    /** The two dialects Stratum ships, as their modules describe them (they are not on this module's test path). */
    static final Dialect POSTGRESQL = Dialect.builder("postgresql").displayName("PostgreSQL")
            .urlPrefixes("jdbc:postgresql:").artifactId("stratum-dialect-postgres").maxQueryParameters(32_767).build();
    static final Dialect SQLITE = Dialect.builder("sqlite").displayName("SQLite")
            .urlPrefixes("jdbc:sqlite:").artifactId("stratum-dialect-sqlite").maxQueryParameters(999).build();

    static Stream<Dialect> dialects() {
        return Stream.of(POSTGRESQL, SQLITE);
    }

    private static final Catalogue CATALOGUE = new Catalogue();

    @ParameterizedTest
    @MethodSource("dialects")
    void listsEveryEntityTableAndTheMigrationOnlyObjects(Dialect dialect) throws Exception {
        Set<String> tables = names(CATALOGUE.expectedSchema(dialect), Kind.TABLE);
        for (Class<? extends OrmModel> contract : CATALOGUE.entities().keySet()) {
            assertThat(tables).contains((String) contract.getField("TABLE").get(null));
        }
        Set<String> migrationOnlyTables = names(CATALOGUE.migrationOnlyObjects(dialect), Kind.TABLE);
        assertThat(migrationOnlyTables).contains("deployment_version", "stratum_schema_history");
        assertThat(CATALOGUE.migrationOnlyObjects(dialect)).anySatisfy(object -> {
            assertThat(object.kind()).isEqualTo(Kind.COLUMN);
            assertThat(object.where()).isEqualTo("deployment.version_id");
        });
        assertThat(tables).hasSize(CATALOGUE.entities().size() + migrationOnlyTables.size()
                - (dialect == SQLITE ? 1 : 0)); // the SQLite migration lock is transient, not expected
    }

    @Test
    void keepsTheDialectsApartWhereTheReferenceDoes() {
        Set<String> postgres = names(CATALOGUE.expectedSchema(POSTGRESQL), Kind.INDEX);
        Set<String> sqlite = names(CATALOGUE.expectedSchema(SQLITE), Kind.INDEX);
        assertThat(postgres).contains("trgm_ix_flow_name", "ix_events__related_gin", "ix_block_schema__capabilities")
                .doesNotContain("ix_flow_name_case_insensitive", "ix_events__event_related_occurred");
        assertThat(sqlite).contains("ix_flow_name_case_insensitive", "ix_events__event_related_occurred")
                .doesNotContain("trgm_ix_flow_name", "ix_events__related_gin");
        assertThat(names(CATALOGUE.expectedSchema(POSTGRESQL), Kind.ENUM_TYPE))
                .containsExactlyInAnyOrder("state_type", "deployment_status", "work_queue_status", "work_pool_status",
                        "worker_status");
        assertThat(names(CATALOGUE.expectedSchema(SQLITE), Kind.ENUM_TYPE)).isEmpty();
    }

    @Test
    void objectsOfATableNameTheirTable() {
        SchemaObject key = CATALOGUE.expectedSchema(SQLITE).stream()
                .filter(o -> o.name().equals("fk_work_pool__default_queue_id__work_queue")).findFirst().orElseThrow();
        assertThat(key.table()).isEqualTo("work_pool");
        assertThat(key.detail()).isEqualTo("default_queue_id -> work_queue ON DELETE RESTRICT DEFERRED");
    }

    @Test
    void refusesLinesItCannotRead() {
        assertRefused(List.of("tabel flow"), "line 1", "expected '<kind> <name> [<detail>]'");
        assertRefused(List.of("  index ix_orphan"), "line 1", "no table line comes before it");
        assertRefused(List.of("table t", "  index " + "x".repeat(64)), "line 2", "PostgreSQL would truncate it");
        assertRefused(List.of("table t", "  foreign-key fk_t__a__b"), "line 2", "needs its detail");
        assertRefused(List.of("table t", "  index ix_t__a", "  index ix_t__a"), "line 3", "listed twice");
    }

    private static void assertRefused(List<String> lines, String line, String problem) {
        assertThatThrownBy(() -> ExpectedSchema.parse(POSTGRESQL.schemaFamily(), lines, "test.txt"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("test.txt " + line)
                .hasMessageContaining(problem);
    }

    private static Set<String> names(List<SchemaObject> objects, Kind kind) {
        return objects.stream().filter(o -> o.kind() == kind).map(SchemaObject::name).collect(Collectors.toSet());
    }
}
