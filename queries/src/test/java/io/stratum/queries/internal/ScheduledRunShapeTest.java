package io.stratum.queries.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules that decide which columns a scheduler insert leaves to the table and which values it converts once. */
class ScheduledRunShapeTest {

    @Test
    void constantDefaultsAreReadFromTheirMetadataTextAndVolatileOnesAreNot() {
        assertThat(LiveColumns.constantDefault("'{}'::jsonb")).isEqualTo("{}");
        assertThat(LiveColumns.constantDefault("('[]')")).isEqualTo("[]");
        assertThat(LiveColumns.constantDefault("'it''s'::character varying")).isEqualTo("it's");
        assertThat(LiveColumns.constantDefault("0")).isEqualTo("0");
        assertThat(LiveColumns.constantDefault("false")).isEqualTo("false");
        assertThat(LiveColumns.constantDefault("now()")).isNull();
        assertThat(LiveColumns.constantDefault("gen_random_uuid()")).isNull();
        assertThat(LiveColumns.constantDefault("(strftime('%Y-%m-%d %H:%M:%f000', 'now'))")).isNull();
        assertThat(LiveColumns.constantDefault("'{}'::jsonb || '{}'::jsonb")).isNull();
        assertThat(LiveColumns.constantDefault(null)).isNull();
    }

    @Test
    void equalValuesShareTheirConversionOnlyWhenEqualityFixesTheirJsonText() {
        assertThat(SameText.whenEqual("text")).isTrue();
        assertThat(SameText.whenEqual(List.of("auto-scheduled", 1))).isTrue();
        assertThat(SameText.whenEqual(Map.of("x", 1))).isTrue();
        assertThat(SameText.whenEqual(new Pair(Instant.EPOCH, List.of(2)))).isTrue();
        Map<String, Object> two = new HashMap<>(Map.of("a", 1, "b", 2));
        assertThat(SameText.whenEqual(two)).as("equal maps may iterate in other orders").isFalse();
        assertThat(SameText.whenEqual(List.of(two))).isFalse();
        assertThat(SameText.whenEqual(new Pair(Instant.EPOCH, two))).isFalse();
        assertThat(SameText.whenEqual(new Object())).isFalse();
    }

    @Test
    void scheduledStateDetailsAreTheTextJacksonWritesForEachTime() {
        List<Instant> times = List.of(Instant.parse("2026-05-01T08:00:00.123456Z"), Instant.parse("2026-05-01T08:00:00Z"),
                Instant.parse("2026-05-01T08:00:00.120Z"), Instant.parse("1969-12-31T23:59:59.000001Z"),
                Instant.parse("+10000-01-01T00:00:00Z"));
        Object[] texts = new ScheduledDetailsText().of(times);
        assertThat(texts).hasSize(times.size());
        for (int i = 0; i < times.size(); i++) {
            assertThat(texts[i]).isEqualTo(io.stratum.orm.types.Json.write(
                    io.stratum.orm.types.StateDetails.empty().withScheduledTime(times.get(i)), "state_details"));
        }
        assertThat(new ScheduledDetailsText().of(List.of())).isEmpty();
    }

    @Test
    void attributesAreReadThroughTheirGettersIncludingInheritedAndPrimitiveOnes() {
        io.stratum.orm.model.FlowRunEntity run = new io.stratum.orm.model.FlowRunEntity(java.util.UUID.randomUUID());
        run.setName("nightly");
        run.setAutoScheduled(true);
        // A mapping EclipseLink never initialised cannot read anything itself: a value read proves the getter was used.
        for (Map.Entry<String, Object> attribute : Map.<String, Object>of("name", "nightly", "autoScheduled", true,
                "runCount", 0, "id", run.getId(), "flowId", run.getFlowId(), "created", run.getCreated()).entrySet()) {
            org.eclipse.persistence.mappings.DirectToFieldMapping mapping = new org.eclipse.persistence.mappings.DirectToFieldMapping();
            mapping.setAttributeName(attribute.getKey());
            assertThat(AttributeReaders.of(io.stratum.orm.model.FlowRunEntity.class, mapping).apply(run))
                    .as(attribute.getKey()).isEqualTo(attribute.getValue());
        }
    }

    @Test
    void instantsAreWrittenAsInstantToStringWritesThem() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(15);
        int[] nanoSteps = {1, 1_000, 1_000_000, 1_000_000_000};
        for (int i = 0; i < 20_000; i++) {
            int step = nanoSteps[i % nanoSteps.length];
            Instant value = Instant.ofEpochSecond(random.nextLong(-62_167_219_200L, 253_402_300_800L),
                    step == 1_000_000_000 ? 0 : random.nextInt(1_000_000_000 / step) * (long) step);
            assertThat(IsoInstantText.append(new StringBuilder(), value).toString()).isEqualTo(value.toString());
        }
        for (Instant value : List.of(Instant.parse("2026-05-01T08:00:00Z"), Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("-0001-12-31T23:59:59.5Z"), Instant.MIN, Instant.MAX, Instant.EPOCH)) {
            assertThat(IsoInstantText.append(new StringBuilder(), value).toString()).isEqualTo(value.toString());
        }
    }

    @Test
    void aGraphsSinceIsRoundedUpToTheStoredMicrosecondAndLeftToJavaOutsideStoredYears() {
        Instant micros = Instant.parse("2026-05-01T08:00:00.123456Z");
        assertThat(OrmFlowRunGraphs.sqlSince(micros)).isEqualTo(micros);
        assertThat(OrmFlowRunGraphs.sqlSince(micros.plusNanos(1))).isEqualTo(micros.plusNanos(1_000));
        assertThat(OrmFlowRunGraphs.sqlSince(null)).isNull();
        assertThat(OrmFlowRunGraphs.sqlSince(Instant.MIN)).isNull();
        assertThat(OrmFlowRunGraphs.sqlSince(Instant.MAX)).isNull();
    }

    record Pair(Instant at, Object value) {
    }
}
