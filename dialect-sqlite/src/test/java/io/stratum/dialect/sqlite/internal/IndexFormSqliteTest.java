package io.stratum.dialect.sqlite.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The form the drift check compares, from an index's {@code CREATE INDEX} text as SQLite keeps it. */
class IndexFormSqliteTest {

    @Test
    void aPlainAscendingIndexHasNoForm() {
        assertThat(SqliteSchemaObjects.indexForm("CREATE INDEX ix_a ON t (a,  b)")).isEmpty();
        assertThat(SqliteSchemaObjects.indexForm("CREATE INDEX ix_a ON \"t\" (\"a\" ASC)")).isEmpty();
    }

    @Test
    void descCollationPredicateAndExpressionsAreKeptNormalised() {
        assertThat(SqliteSchemaObjects.indexForm("CREATE UNIQUE INDEX ix_s\n    ON deployment_schedule (deployment_id, slug)"
                + "\n    where slug is not null")).isEqualTo("(deployment_id, slug) WHERE slug IS NOT NULL");
        assertThat(SqliteSchemaObjects.indexForm("CREATE UNIQUE INDEX u ON task_run_state (task_run_id, \"timestamp\" desc)"))
                .isEqualTo("(task_run_id, timestamp DESC)");
        assertThat(SqliteSchemaObjects.indexForm("CREATE INDEX n ON flow (name collate nocase)"))
                .isEqualTo("(name COLLATE NOCASE)");
        assertThat(SqliteSchemaObjects.indexForm("CREATE INDEX c ON flow_run (coalesce(start_time, expected_start_time) ASC)"))
                .isEqualTo("(COALESCE(start_time, expected_start_time))");
    }
}
