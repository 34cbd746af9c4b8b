package io.stratum.api.query;

import java.time.Instant;

/** One bucket of a run-history series: {@code [intervalStart, intervalEnd)}. */
public record TimeInterval(Instant intervalStart, Instant intervalEnd) {
}
