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

    /** A partitioned table's own index prints "ON ONLY": the same form as the plain table's index. */
    @Test
    void anIndexOfAPartitionedTableHasThePlainTablesForm() {
        assertThat(PostgresSchemaObjects.indexForm("CREATE INDEX ix_log__updated ON ONLY public.log USING btree (updated)"))
                .isEmpty();
        assertThat(PostgresSchemaObjects.indexForm("CREATE INDEX ix_events__related_gin ON ONLY public.events USING gin (related)"))
                .isEqualTo(PostgresSchemaObjects.indexForm("CREATE INDEX ix_events__related_gin ON public.events USING gin (related)"));
    }

    /** The drift check's verdict on a partition: empty for the day partitions Stratum makes, else what is wrong. */
    @Test
    void onlyDayPartitionsOfTheHistoryTablesAreTheDialectsOwn() {
        PostgresDayPartitions partitions = new PostgresDayPartitions();
        java.time.Instant day = java.time.Instant.parse("2026-12-06T00:00:00Z");
        java.time.Instant next = java.time.Instant.parse("2026-12-07T00:00:00Z");
        assertThat(partitions.problem("log", "log_p20261206", day, next, false, "RANGE (\"timestamp\")")).isEmpty();
        assertThat(partitions.problem("events", "events_default", null, null, true, "RANGE (occurred)")).isEmpty();
        assertThat(partitions.problem("events", "events_p20261207", day, next, false, "RANGE (occurred)"))
                .isEqualTo("day partition of events for 2026-12-06 named other than events_p20261206");
        assertThat(partitions.problem("events", "events_x", day, next, false, "RANGE (received)"))
                .isEqualTo("partition of events, which is partitioned by RANGE (received), not by RANGE (occurred)");
        assertThat(partitions.problem("flow_run", "flow_run_p1", day, next, false, "RANGE (created)"))
                .startsWith("partition of flow_run, which Stratum never partitions");
        assertThat(partitions.problem("log", "log_p20261206", day, next.plusSeconds(3600), false, "RANGE (\"timestamp\")"))
                .endsWith("not one UTC day");
    }
}
