package io.stratum.api.query;

import io.stratum.api.Api;
import java.time.Instant;

/** One bucket of a run-history series: {@code [intervalStart, intervalEnd)}. */
@Api(Api.Status.EXPERIMENTAL)
public record TimeInterval(Instant intervalStart, Instant intervalEnd) {
}
