package io.stratum.orm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IntervalConverterTest {
    private final IntervalConverter converter = new IntervalConverter();

    @Test
    void storedTextIsTheOffsetFromTheEpoch() {
        assertThat(converter.convertToEntityAttribute("1970-01-01 00:00:00.000000")).isEqualTo(Duration.ZERO);
        assertThat(converter.convertToEntityAttribute("1970-01-02 01:02:03.000004"))
                .isEqualTo(Duration.ofDays(1).plusHours(1).plusMinutes(2).plusSeconds(3).plusNanos(4_000));
        assertThat(converter.convertToEntityAttribute("1971-03-01 00:00:00.500000"))
                .isEqualTo(Duration.ofDays(365 + 31 + 28).plusMillis(500));
    }

    @Test
    void otherTextsAreParsedAsIsoTimes() {
        assertThat(converter.convertToEntityAttribute("1970-01-01 00:00:05")).isEqualTo(Duration.ofSeconds(5));
        assertThat(converter.convertToEntityAttribute(" 1970-01-01T00:01:00.25 ")).isEqualTo(Duration.ofMillis(60_250));
        assertThat(converter.convertToEntityAttribute(1.5)).isEqualTo(Duration.ofMillis(1_500));
        assertThat(converter.convertToEntityAttribute(null)).isNull();
    }
}
