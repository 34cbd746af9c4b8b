package io.stratum.dialect.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratum.dialect.postgres.eclipselink.PostgresPlatform;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.util.PGInterval;

/** The text forms Stratum writes and reads itself agree with the driver's, or decline. */
class TimeTextPostgresTest {

    @Test
    void timestampsAreUtcWithSixFractionDigitsRoundedHalfUp() {
        assertThat(PostgresTimeText.timestamp(Instant.parse("2026-12-07T11:02:03.123456Z")))
                .isEqualTo("2026-12-07 11:02:03.123456+00");
        assertThat(PostgresTimeText.timestamp(Instant.parse("2026-12-07T11:02:03Z")))
                .isEqualTo("2026-12-07 11:02:03.000000+00");
        assertThat(PostgresTimeText.timestamp(Instant.parse("2026-12-31T23:59:59.9999995Z")))
                .isEqualTo("2027-01-01 00:00:00.000000+00");
        assertThat(PostgresTimeText.timestamp(Instant.parse("2026-12-07T11:02:03.0000004Z")))
                .isEqualTo("2026-12-07 11:02:03.000000+00");
        assertThat(PostgresTimeText.timestamp(Instant.parse("1969-12-31T23:59:59.5Z")))
                .isEqualTo("1969-12-31 23:59:59.500000+00");
        assertThat(PostgresTimeText.timestamp(Instant.parse("0001-01-01T00:00:00Z")))
                .isEqualTo("0001-01-01 00:00:00.000000+00");
        assertThat(PostgresTimeText.timestamp(Instant.parse("9999-12-31T23:59:59.999999Z")))
                .isEqualTo("9999-12-31 23:59:59.999999+00");
    }

    @Test
    void timestampsOutsideFourDigitYearsAreLeftToTheDriver() {
        assertThat(PostgresTimeText.timestamp(Instant.parse("0000-12-31T23:59:59.999999Z"))).isNull();
        assertThat(PostgresTimeText.timestamp(Instant.parse("+10000-01-01T00:00:00Z"))).isNull();
        assertThat(PostgresTimeText.timestamp(Instant.MIN)).isNull();
        assertThat(PostgresTimeText.timestamp(Instant.MAX)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"00:00:00", "00:00:00.000001", "01:02:03.456", "-00:00:01.5", "+00:00:01", "36:00:00",
            "1 day", "2 days", "-1 days", "1 day 02:03:04.123456", "-3 days -00:00:00.25", "-1 days +23:59:59.999999",
            "4000 days 00:00:01", "12345678:00:00"})
    void intervalsOfDaysAndTimeReadAsTheDriverReadsThem(String text) throws Exception {
        assertThat(PostgresTimeText.interval(text)).isEqualTo(PostgresPlatform.toDuration(new PGInterval(text)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1 mon", "1 year 2 mons", "1 mon 02:00:00", "P1D", "1 02:00:00", "+1-2 +3 -4:05:06",
            "00:00", "0:0:0", "00:00:00.1234567", "00:00:00.", "00:00:60x", "1 week", "", "days", "a day 00:00:00"})
    void otherIntervalFormsAreLeftToTheDriver(String text) {
        assertThat(PostgresTimeText.interval(text)).isNull();
    }

    @Test
    void aParsedIntervalIsExactToTheMicrosecond() {
        assertThat(PostgresTimeText.interval("1 day 00:00:00.000001")).isEqualTo(Duration.ofDays(1).plusNanos(1000));
        assertThat(PostgresTimeText.interval("-00:00:00.000001")).isEqualTo(Duration.ofNanos(-1000));
    }
}
