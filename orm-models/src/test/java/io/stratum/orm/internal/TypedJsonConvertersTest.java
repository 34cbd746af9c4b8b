package io.stratum.orm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratum.orm.types.Actions;
import io.stratum.orm.types.ConcurrencyLimitStrategy;
import io.stratum.orm.types.ConcurrencyOptions;
import io.stratum.orm.types.CreatedBy;
import io.stratum.orm.types.FlowRunPolicy;
import io.stratum.orm.types.Firing;
import io.stratum.orm.types.Json;
import io.stratum.orm.types.JsonColumnException;
import io.stratum.orm.types.QueueFilter;
import io.stratum.orm.types.ReceivedEvent;
import io.stratum.orm.types.Schedule;
import io.stratum.orm.types.StateDetails;
import io.stratum.orm.types.TaskRunPolicy;
import io.stratum.orm.types.Trigger;
import io.stratum.orm.types.WorkPoolStorageConfiguration;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every typed JSON converter: round trip, and rejection of invalid values on write and on read. */
class TypedJsonConvertersTest {
    private static final String EVENT = "{\"occurred\":\"2024-05-01T12:00:00.123456Z\",\"event\":\"prefect.flow-run.Completed\","
            + "\"resource\":{\"prefect.resource.id\":\"prefect.flow-run.1\"},\"related\":[],\"payload\":{},"
            + "\"id\":\"6f1f3c3e-2b7a-4c2e-9d8e-0c1f7e0b9a11\",\"follows\":null,"
            + "\"received\":\"2024-05-01T12:00:01Z\"}";
    private static final String TRIGGER = "{\"type\":\"event\",\"id\":\"0b3e4d55-4a4d-4e53-8a0a-3a9f3f0e5d11\","
            + "\"match\":{},\"expect\":[\"prefect.flow-run.Failed\"],\"posture\":\"Reactive\",\"threshold\":1,\"within\":0.0}";
    private static final String FIRING = "{\"id\":\"5a1f0f6e-7f43-4c55-b7a4-56e4d1b7c0de\",\"trigger\":" + TRIGGER
            + ",\"trigger_states\":[\"Triggered\"],\"triggered\":\"2024-05-01T12:00:00+00:00\",\"triggering_labels\":{},"
            + "\"triggering_firings\":[],\"triggering_event\":null,\"triggering_value\":null}";

    /** A converter, a valid value, an invalid value (or null where the type cannot hold one), invalid stored texts. */
    record Case(TypedJsonConverter<Object> converter, Object valid, Object invalidOnWrite, List<String> invalidOnRead) {
    }

    @SuppressWarnings("unchecked")
    private static Arguments of(String name, TypedJsonConverter<?> converter, Object valid, Object invalidOnWrite,
                                String... invalidOnRead) {
        return Arguments.of(Named.of(name + " (" + converter.column() + ")",
                new Case((TypedJsonConverter<Object>) converter, valid, invalidOnWrite, List.of(invalidOnRead))));
    }

    private static JsonNode tree(String json) {
        return Json.tree(json, "test");
    }

    static Stream<Arguments> cases() {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("prefect_aws.experimental.bundles.upload", Map.of("bucket", "b", "aws_credentials_block_name", "c"));
        return Stream.of(
                of("concurrency options", new ConcurrencyOptionsConverter(),
                        new ConcurrencyOptions(ConcurrencyLimitStrategy.CANCEL_NEW, 120),
                        new ConcurrencyOptions(null, null),
                        "{}", "{\"collision_strategy\":\"DROP\"}", "{\"collision_strategy\":\"ENQUEUE\",\"grace_period_seconds\":-5}",
                        "[]", "null", "not json"),
                of("interval schedule", new ScheduleConverter(),
                        Schedule.interval(Duration.ofMinutes(90), Instant.parse("2024-01-01T00:00:00Z"), "America/New_York"),
                        new Schedule(null, null, "UTC", null, null, null),
                        "{}", "{\"timezone\":\"UTC\"}", "{\"interval\":60,\"cron\":\"* * * * *\"}", "{\"interval\":0}",
                        "{\"interval\":60,\"unexpected\":1}", "{\"cron\":\"0 0 * * *\",\"anchor_date\":\"2024-01-01T00:00:00Z\"}"),
                of("cron schedule", new ScheduleConverter(),
                        Schedule.cron("0 9 * * 1-5", "Europe/Berlin", false),
                        new Schedule(60.0, null, null, "0 0 * * *", null, null),
                        "{\"cron\":\"0 0 * * *\",\"rrule\":\"FREQ=DAILY\"}", "{\"rrule\":\"FREQ=DAILY\",\"day_or\":true}"),
                of("rrule schedule", new ScheduleConverter(),
                        Schedule.rrule("FREQ=WEEKLY;BYDAY=MO", null),
                        new Schedule(null, null, null, "0 0 * * *", null, "FREQ=DAILY"),
                        "{\"rrule\":\"\"}"),
                of("queue filter", new QueueFilterConverter(),
                        new QueueFilter(List.of("a", "b"), List.of(UUID.randomUUID())),
                        new QueueFilter(Arrays.asList("a", null), null),
                        "{\"deployment_ids\":[\"not-a-uuid\"]}", "{\"tags\":[null]}", "{\"tags\":{}}"),
                of("work pool storage configuration", new WorkPoolStorageConfigurationConverter(),
                        new WorkPoolStorageConfiguration(step, Map.of("step", Map.of()), UUID.randomUUID()),
                        null,
                        "{\"bundle_upload_step\":null,\"extra\":1}", "{\"bundle_upload_step\":\"text\"}",
                        "{\"default_result_storage_block_id\":\"nope\"}"),
                of("task run policy", new TaskRunPolicyConverter(), TaskRunPolicy.empty(), null,
                        "{\"retries\":\"many\"}", "[]"),
                of("flow run policy", new FlowRunPolicyConverter(), FlowRunPolicy.empty(), null,
                        "{\"retry_type\":\"sometimes\"}"),
                of("state details", new StateDetailsConverter(),
                        StateDetails.empty().withScheduledTime(Instant.parse("2024-01-01T00:00:00.000001Z")), null,
                        "{\"scheduled_time\":\"noon\"}"),
                of("created by", new CreatedByConverter(),
                        new CreatedBy(UUID.randomUUID(), "DEPLOYMENT", "my-deployment"),
                        null,
                        "{\"id\":\"not-a-uuid\"}", "[]"),
                of("trigger", new TriggerConverter(), new Trigger(tree(TRIGGER)),
                        new Trigger(tree("{\"posture\":\"Reactive\"}")),
                        "[]", "{\"type\":1}", "{\"match\":{}}", "\"event\""),
                of("actions", new ActionsConverter(), new Actions(tree("[{\"type\":\"do-nothing\"},{\"type\":\"pause-deployment\",\"source\":\"selected\"}]")),
                        new Actions(tree("{\"type\":\"do-nothing\"}")),
                        "{}", "[{\"source\":\"inferred\"}]", "[1]"),
                of("actions on trigger", new ActionsOnTriggerConverter(), Actions.empty(),
                        new Actions(tree("[{\"type\":null}]")), "[\"do-nothing\"]"),
                of("actions on resolve", new ActionsOnResolveConverter(), new Actions(tree("[{\"type\":\"do-nothing\"}]")),
                        new Actions(null), "null", "{\"type\":\"do-nothing\"}"),
                of("bucket last event", new LastEventConverter(), new ReceivedEvent(tree(EVENT)),
                        new ReceivedEvent(tree("{\"event\":\"x\"}")),
                        "{}", EVENT.replace("\"id\":\"6f1f3c3e-2b7a-4c2e-9d8e-0c1f7e0b9a11\"", "\"id\":\"x\""),
                        EVENT.replace("\"resource\":{\"prefect.resource.id\":\"prefect.flow-run.1\"}", "\"resource\":[]"),
                        EVENT.replace("2024-05-01T12:00:00.123456Z", "yesterday")),
                of("event follower", new FollowerConverter(), new ReceivedEvent(tree(EVENT)),
                        new ReceivedEvent(tree("[]")), "[]", EVENT.replace("\"event\":\"prefect.flow-run.Completed\",", "")),
                of("child firing", new ChildFiringConverter(), new Firing(tree(FIRING)),
                        new Firing(tree("{\"id\":\"5a1f0f6e-7f43-4c55-b7a4-56e4d1b7c0de\"}")),
                        "{}", FIRING.replace("\"trigger_states\":[\"Triggered\"]", "\"trigger_states\":\"Triggered\""),
                        FIRING.replace("\"type\":\"event\",", ""))
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void roundTripsAValidValue(Case c) {
        String text = c.converter().convertToDatabaseColumn(c.valid());
        assertThat(c.converter().convertToEntityAttribute(text)).isEqualTo(c.valid());
        // The stored text is stable: writing what was read gives the same text.
        assertThat(c.converter().convertToDatabaseColumn(c.converter().convertToEntityAttribute(text))).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rejectsAnInvalidValueOnWrite(Case c) {
        if (c.invalidOnWrite() == null) {
            return; // every Java value of this type is valid JSON for the column
        }
        assertThatThrownBy(() -> c.converter().convertToDatabaseColumn(c.invalidOnWrite()))
                .isInstanceOfSatisfying(JsonColumnException.class,
                        e -> assertThat(e.column()).isEqualTo(c.converter().column()))
                .hasMessageContaining(c.converter().column());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rejectsAnInvalidValueOnRead(Case c) {
        for (String text : c.invalidOnRead()) {
            assertThatThrownBy(() -> c.converter().convertToEntityAttribute(text))
                    .as(text)
                    .isInstanceOfSatisfying(JsonColumnException.class,
                            e -> assertThat(e.column()).isEqualTo(c.converter().column()))
                    .hasMessageContaining(c.converter().column());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void passesSqlNullThrough(Case c) {
        assertThat(c.converter().convertToDatabaseColumn(null)).isNull();
        assertThat(c.converter().convertToEntityAttribute(null)).isNull();
    }

    @Test
    void writesTheReferenceFieldNames() {
        assertThat(new ConcurrencyOptionsConverter().convertToDatabaseColumn(
                new ConcurrencyOptions(ConcurrencyLimitStrategy.CANCEL_NEW, null)))
                .isEqualTo("{\"collision_strategy\":\"CANCEL_NEW\",\"grace_period_seconds\":null}");
        assertThat(new ScheduleConverter().convertToDatabaseColumn(
                Schedule.interval(Duration.ofSeconds(3600), Instant.parse("2024-01-01T00:00:00Z"), "UTC")))
                .isEqualTo("{\"interval\":3600.0,\"anchor_date\":\"2024-01-01T00:00:00Z\",\"timezone\":\"UTC\"}");
        assertThat(new ScheduleConverter().convertToDatabaseColumn(Schedule.cron("0 0 * * *", null, true)))
                .isEqualTo("{\"cron\":\"0 0 * * *\",\"day_or\":true}");
        assertThat(new QueueFilterConverter().convertToDatabaseColumn(new QueueFilter(List.of("t"), null)))
                .isEqualTo("{\"tags\":[\"t\"],\"deployment_ids\":null}");
        UUID block = UUID.fromString("00000000-0000-4000-8000-000000000001");
        assertThat(new WorkPoolStorageConfigurationConverter().convertToDatabaseColumn(
                new WorkPoolStorageConfiguration(null, null, block)))
                .isEqualTo("{\"bundle_upload_step\":null,\"bundle_execution_step\":null,"
                        + "\"default_result_storage_block_id\":\"" + block + "\"}");
        // The JSON wrappers store their JSON unchanged.
        assertThat(new ChildFiringConverter().convertToDatabaseColumn(new Firing(tree(FIRING))))
                .isEqualTo(tree(FIRING).toString());
    }

    @Test
    void readsSchedulesAsTheReferenceStoresThem() {
        ScheduleConverter converter = new ScheduleConverter();
        Schedule interval = converter.convertToEntityAttribute(
                "{\"interval\":86400.0,\"anchor_date\":\"2024-03-10T08:00:00-05:00\",\"timezone\":\"America/Chicago\"}");
        assertThat(interval.kind()).isEqualTo(Schedule.Kind.INTERVAL);
        assertThat(interval.intervalDuration()).isEqualTo(Duration.ofDays(1));
        assertThat(interval.anchorDate()).isEqualTo(Instant.parse("2024-03-10T13:00:00Z"));
        Schedule cron = converter.convertToEntityAttribute("{\"cron\":\"0 0 * * *\",\"timezone\":null,\"day_or\":true}");
        assertThat(cron.kind()).isEqualTo(Schedule.Kind.CRON);
        assertThat(converter.convertToEntityAttribute("{\"rrule\":\"FREQ=DAILY\",\"timezone\":\"UTC\"}").kind())
                .isEqualTo(Schedule.Kind.RRULE);
    }

    @Test
    void scheduleErrorsSayWhatIsWrong() {
        ScheduleConverter converter = new ScheduleConverter();
        assertThatThrownBy(() -> converter.convertToEntityAttribute("{\"timezone\":\"UTC\"}"))
                .isInstanceOf(JsonColumnException.class)
                .hasMessageContaining("deployment_schedule.schedule")
                .hasMessageContaining("exactly one of interval, cron, rrule");
        assertThatThrownBy(() -> converter.convertToDatabaseColumn(new Schedule(60.0, null, null, null, null, "FREQ=DAILY")))
                .isInstanceOf(JsonColumnException.class)
                .hasMessageContaining("[interval, rrule]");
        assertThatThrownBy(() -> new Schedule(null, null, null, null, null, null).kind())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void storageConfigurationRejectsUnknownFieldsByName() {
        assertThatThrownBy(() -> new WorkPoolStorageConfigurationConverter()
                .convertToEntityAttribute("{\"bundle_upload_step\":{},\"bundle_uploda_step\":{}}"))
                .isInstanceOf(JsonColumnException.class)
                .hasMessageContaining("work_pool.storage_configuration")
                .hasMessageContaining("bundle_uploda_step");
        assertThat(new WorkPoolStorageConfigurationConverter().convertToEntityAttribute("{}"))
                .isEqualTo(WorkPoolStorageConfiguration.empty());
    }

    @Test
    void readsJsonNumbersThatSqliteReturnsAsNumbers() {
        // SQLite gives JSON columns numeric affinity: a stored top-level number is read back as a number.
        JsonValueConverter converter = new JsonValueConverter();
        assertThat(converter.convertToEntityAttribute(42)).isEqualTo(Json.tree("42", "t"));
        assertThat(converter.convertToEntityAttribute(42L)).isEqualTo(Json.tree("42", "t"));
        assertThat(converter.convertToEntityAttribute(2.5)).isEqualTo(Json.tree("2.5", "t"));
        assertThat(converter.convertToEntityAttribute("\"text\"")).isEqualTo(Json.tree("\"text\"", "t"));
        assertThat(converter.convertToDatabaseColumn(Json.tree("42", "t"))).isEqualTo("42");
        assertThatThrownBy(() -> converter.convertToEntityAttribute(new byte[] {1}))
                .isInstanceOf(JsonColumnException.class);
    }
}
