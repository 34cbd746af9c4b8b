package io.stratum.api.query;

import io.stratum.api.Api;
import java.time.Instant;
import java.util.UUID;

/**
 * One log line to write with {@link BulkWrites#insertLogs}. Required: {@code name}, {@code message},
 * {@code timestamp} (the client-side time); {@code level} must fit a SMALLINT. The run ids are optional.
 * Checked by {@code insertLogs}, so a batch with a bad record is refused as a whole.
 */
@Api(Api.Status.EXPERIMENTAL)
public record LogRecord(String name, int level, UUID flowRunId, UUID taskRunId, String message, Instant timestamp) {

    /** A log of a flow run. */
    public static LogRecord ofFlowRun(UUID flowRunId, String name, int level, String message, Instant timestamp) {
        return new LogRecord(name, level, flowRunId, null, message, timestamp);
    }
}
