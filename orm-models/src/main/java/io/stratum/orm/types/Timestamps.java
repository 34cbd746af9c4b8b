package io.stratum.orm.types;

import io.stratum.api.Api;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Timestamps as both databases store them: UTC instants at microsecond precision. */
@Api(Api.Status.STABLE)
public final class Timestamps {
    private static final Clock CLOCK = Clock.systemUTC();

    private Timestamps() {
    }

    /** Now, truncated to microseconds so a value reads back exactly as written. */
    public static Instant now() {
        return Instant.now(CLOCK).truncatedTo(ChronoUnit.MICROS);
    }

    /** The value truncated to microseconds; {@code null} stays {@code null}. */
    public static Instant micros(Instant value) {
        return value == null ? null : value.truncatedTo(ChronoUnit.MICROS);
    }
}
