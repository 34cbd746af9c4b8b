package io.stratum.dialect.sqlite.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratum.dialect.sqlite.eclipselink.SqlitePlatform;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Stored timestamp text: what Stratum writes reads back exactly; what SQLite or others write still reads. */
class TimestampTextSqliteTest {

    @Test
    void everyWrittenTimestampReadsBackExactly() {
        Random random = new Random(7);
        Instant earliest = Instant.parse("0001-01-01T00:00:00Z");
        Instant latest = Instant.parse("9999-12-31T23:59:59.999999Z");
        long span = latest.getEpochSecond() - earliest.getEpochSecond();
        for (int i = 0; i < 10_000; i++) {
            Instant value = earliest.plusSeconds(Math.floorMod(random.nextLong(), span))
                    .plusNanos(random.nextInt(1_000_000) * 1_000L);
            assertThat(SqlitePlatform.parseTimestamp(SqlitePlatform.formatTimestamp(value))).isEqualTo(value);
        }
        for (Instant edge : new Instant[] {earliest, latest, Instant.EPOCH, Instant.parse("2024-02-29T23:59:59.000001Z")}) {
            assertThat(SqlitePlatform.parseTimestamp(SqlitePlatform.formatTimestamp(edge))).isEqualTo(edge);
        }
    }

    @ParameterizedTest
    @CsvSource({
            "2026-01-02 03:04:05, 2026-01-02T03:04:05Z",
            "2026-01-02 03:04:05.5, 2026-01-02T03:04:05.5Z",
            "2026-01-02T03:04:05.123456789, 2026-01-02T03:04:05.123456789Z",
            "2026-01-02 03:04:05.123456+02:00, 2026-01-02T01:04:05.123456Z",
            "' 2026-01-02 03:04:05.123456 ', 2026-01-02T03:04:05.123456Z"})
    void otherFormsAreStillRead(String text, Instant expected) {
        assertThat(SqlitePlatform.parseTimestamp(text)).isEqualTo(expected.truncatedTo(ChronoUnit.NANOS));
    }
}
