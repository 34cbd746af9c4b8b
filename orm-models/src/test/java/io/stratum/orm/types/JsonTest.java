package io.stratum.orm.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shared JSON mapping: non-finite numbers, strict types, the JSON wrappers as plain JSON. */
class JsonTest {

    @Test
    void writesNonFiniteNumbersInsideMapsAsNull() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("nan", Double.NaN);
        value.put("inf", Double.POSITIVE_INFINITY);
        value.put("ninf", Float.NEGATIVE_INFINITY);
        value.put("nested", Map.of("x", Double.NaN));
        value.put("list", Arrays.asList(1.5, Double.NaN, Double.NEGATIVE_INFINITY));
        value.put("finite", 2.5);
        assertThat(Json.write(value, "t.c"))
                .isEqualTo("{\"nan\":null,\"inf\":null,\"ninf\":null,\"nested\":{\"x\":null},\"list\":[1.5,null,null],\"finite\":2.5}");
    }

    @Test
    void writesNonFiniteNumbersInsideTypedValuesAndTreesAsNull() {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("timeout", Double.NaN);
        assertThat(Json.write(new WorkPoolStorageConfiguration(step, null, null), "t.c"))
                .isEqualTo("{\"bundle_upload_step\":{\"timeout\":null},\"bundle_execution_step\":null,"
                        + "\"default_result_storage_block_id\":null}");
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        tree.put("a", Double.NaN).put("b", Float.POSITIVE_INFINITY).put("c", 1.0);
        tree.putArray("d").add(Double.NEGATIVE_INFINITY);
        assertThat(Json.write(tree, "t.c")).isEqualTo("{\"a\":null,\"b\":null,\"c\":1.0,\"d\":[null]}");
        List<Object> list = new ArrayList<>();
        list.add(Double.NaN);
        assertThat(Json.write(list, "t.c")).isEqualTo("[null]");
        assertThat(Json.write(new FlowRunPolicy(null, Double.NaN, null, null, null, null, null), "t.c"))
                .contains("\"retry_delay_seconds\":null");
    }

    @Test
    void storageConfigurationRejectsUnknownFieldsEvenThoughTheMapperIgnoresThem() {
        assertThat(Json.read("{\"unknown\":1}", CreatedBy.class, "t.c")).isEqualTo(new CreatedBy(null, null, null));
        assertThatThrownBy(() -> Json.read("{\"unknown\":1}", WorkPoolStorageConfiguration.class, "work_pool.storage_configuration"))
                .isInstanceOf(JsonColumnException.class)
                .hasMessageContaining("work_pool.storage_configuration")
                .hasMessageContaining("unknown");
        assertThat(Json.read("{\"bundle_upload_step\":{\"a\":1}}", WorkPoolStorageConfiguration.class, "c").bundleUploadStep())
                .containsEntry("a", 1);
    }

    @Test
    void schedulesRejectUnknownFields() {
        assertThatThrownBy(() -> Json.read("{\"cron\":\"* * * * *\",\"every\":5}", Schedule.class, "deployment_schedule.schedule"))
                .isInstanceOf(JsonColumnException.class)
                .hasMessageContaining("every");
    }

    @Test
    void jsonWrappersSerializeAsTheirJson() throws Exception {
        JsonNode node = Json.tree("{\"type\":\"event\",\"within\":10.0}", "t");
        Trigger trigger = new Trigger(node);
        assertThat(Json.write(trigger, "t")).isEqualTo("{\"type\":\"event\",\"within\":10.0}");
        assertThat(Json.mapper().readValue("{\"type\":\"event\",\"within\":10.0}", Trigger.class)).isEqualTo(trigger);
        assertThat(trigger.type()).isEqualTo("event");
        assertThat(Json.write(Actions.empty(), "t")).isEqualTo("[]");
        // Nested inside another value they stay plain JSON as well.
        assertThat(Json.write(Map.of("trigger", trigger), "t")).isEqualTo("{\"trigger\":{\"type\":\"event\",\"within\":10.0}}");
    }

    @Test
    void concurrencyStrategiesUseTheReferenceValues() {
        assertThat(Json.write(ConcurrencyLimitStrategy.ENQUEUE, "t")).isEqualTo("\"ENQUEUE\"");
        assertThat(Json.write(ConcurrencyLimitStrategy.CANCEL_NEW, "t")).isEqualTo("\"CANCEL_NEW\"");
    }

    @Test
    void aTimestampWithoutOffsetIsRefusedNamingTheColumnAndWhereItSits() {
        assertThatThrownBy(() -> Json.read("{\"scheduled_time\":\"2026-01-02T03:04:05\"}", StateDetails.class,
                "flow_run_state.state_details"))
                .isInstanceOf(JsonColumnException.class)
                .hasMessageContaining("flow_run_state.state_details")
                .hasMessageContaining("2026-01-02T03:04:05 at scheduled_time")
                .hasMessageContaining("offset");
        assertThat(Json.read("{\"scheduled_time\":\"2026-01-02T05:04:05+02:00\"}", StateDetails.class, "c").scheduledTime())
                .isEqualTo(java.time.Instant.parse("2026-01-02T03:04:05Z"));
    }
}
