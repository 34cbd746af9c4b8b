package io.stratum.dialect.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The form the drift check compares, from what {@code pg_get_indexdef} prints. */
class IndexFormPostgresTest {

    @Test
    void aPlainAscendingBtreeHasNoForm() {
        assertThat(PostgresSchemaObjects.indexForm("CREATE INDEX ix_a ON public.t USING btree (a, b)")).isEmpty();
    }

    @Test
    void descCollationPredicateAndMethodAreKeptWithoutQuotesAndCasts() {
        assertThat(PostgresSchemaObjects.indexForm(
                "CREATE UNIQUE INDEX ix_s ON public.deployment_schedule USING btree (deployment_id, slug) WHERE (slug IS NOT NULL)"))
                .isEqualTo("(deployment_id, slug) WHERE slug IS NOT NULL");
        assertThat(PostgresSchemaObjects.indexForm(
                "CREATE UNIQUE INDEX u ON public.flow_run_state USING btree (flow_run_id, \"timestamp\" DESC)"))
                .isEqualTo("(flow_run_id, timestamp DESC)");
        assertThat(PostgresSchemaObjects.indexForm("CREATE INDEX n ON public.flow USING btree (name COLLATE \"C\")"))
                .isEqualTo("(name COLLATE C)");
        assertThat(PostgresSchemaObjects.indexForm("CREATE INDEX p ON public.flow_run USING btree (a) "
                + "WHERE (state_type = 'SCHEDULED'::state_type)")).isEqualTo("(a) WHERE state_type = 'SCHEDULED'");
        assertThat(PostgresSchemaObjects.indexForm("CREATE INDEX g ON public.flow USING gin (name gin_trgm_ops)"))
                .isEqualTo("gin (name gin_trgm_ops)");
    }
}
