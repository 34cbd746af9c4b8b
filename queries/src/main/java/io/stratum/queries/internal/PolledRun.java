package io.stratum.queries.internal;

import java.time.Instant;
import java.util.UUID;

/** One row a polling query returned: the run, where it was taken from, and its current state's time. */
record PolledRun(UUID runId, UUID workPoolId, UUID workQueueId, Instant stateTimestamp) {
}
