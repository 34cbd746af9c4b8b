package io.stratum.dialect.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The texts the scheduler's insert sends: instants PostgreSQL reads back exactly, array literals quoted where needed. */
class ArrayTextTest {

    @Test
    void instantsInStoredYearsAreWrittenDigitByDigitAndReadBackExactly() {
        SplittableRandom random = new SplittableRandom(15);
        for (int i = 0; i < 10_000; i++) {
            Instant value = Instant.ofEpochSecond(random.nextLong(-62_167_219_200L, 253_402_300_800L),
                    random.nextInt(1_000_000) * 1_000L);
            assertThat(UtcText.of(value)).hasSize(27).endsWith("Z");
            assertThat(Instant.parse(UtcText.of(value))).isEqualTo(value);
        }
        assertThat(UtcText.of(Instant.parse("2026-05-01T08:00:00Z"))).isEqualTo("2026-05-01T08:00:00.000000Z");
        assertThat(UtcText.of(Instant.parse("1969-12-31T23:59:59.999999Z"))).isEqualTo("1969-12-31T23:59:59.999999Z");
        assertThat(UtcText.of(Instant.parse("0000-01-01T00:00:00Z"))).isEqualTo("0000-01-01T00:00:00.000000Z");
        assertThat(UtcText.of(Instant.parse("9999-12-31T23:59:59.999999Z"))).isEqualTo("9999-12-31T23:59:59.999999Z");
    }

    @Test
    void instantsTheShortFormCannotCarryKeepTheirOwnText() {
        for (Instant value : List.of(Instant.parse("2026-05-01T08:00:00.123456789Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("-0001-12-31T23:59:59Z"), Instant.MIN, Instant.MAX)) {
            assertThat(UtcText.of(value)).isEqualTo(value.toString());
        }
    }

    @Test
    void arrayLiteralsQuoteEveryTextAndLeaveIdsInstantsNumbersAndNullsBare() throws Exception {
        UUID id = UUID.fromString("0b7c3d9e-1f2a-4b5c-8d6e-7f8091a2b3c4");
        assertThat(PostgresBulkWriteSql.arrayLiteral(Arrays.asList(id, null, Instant.parse("2026-05-01T08:00:00.5Z"), 7L)))
                .isEqualTo("{0b7c3d9e-1f2a-4b5c-8d6e-7f8091a2b3c4,NULL,2026-05-01T08:00:00.500000Z,7}");
        assertThat(PostgresBulkWriteSql.arrayLiteral(List.of("{\"a\": \"b\\\\c\"}", "NULL", "", "x, y")))
                .isEqualTo("{\"{\\\"a\\\": \\\"b\\\\\\\\c\\\"}\",\"NULL\",\"\",\"x, y\"}");
    }

    @Test
    void sharedValuesOfBuiltInTypesAreTypedParametersAndEnumsAreCastFromText() {
        String sql = new PostgresBulkWriteSql().scheduledRunInsert(
                List.of(new io.stratum.api.spi.BulkWriteSql.TypedColumn("id", "uuid", false),
                        new io.stratum.api.spi.BulkWriteSql.TypedColumn("empirical_policy", "jsonb", true),
                        new io.stratum.api.spi.BulkWriteSql.TypedColumn("state_type", "state_type", true)),
                List.of(new io.stratum.api.spi.BulkWriteSql.TypedColumn("flow_run_id", "uuid", false),
                        new io.stratum.api.spi.BulkWriteSql.TypedColumn("\"timestamp\"", "timestamptz", true))).orElseThrow();
        assertThat(sql).contains("SELECT u.id, ?::jsonb, ?::text::state_type FROM unnest(?::uuid[])")
                .contains("SELECT s.flow_run_id, ?::timestamptz FROM unnest(?::uuid[])").doesNotContain("?::text::jsonb");
    }
}
