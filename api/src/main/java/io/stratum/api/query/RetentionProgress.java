package io.stratum.api.query;

import io.stratum.api.Api;
import java.time.Duration;

/** Told of a clean's progress ({@link RetentionRequest.Builder#progress}); called on the cleaning thread. */
@Api(Api.Status.EXPERIMENTAL)
public interface RetentionProgress {

    /** A batch committed: {@code rows} rows of {@code table} deleted by it, {@code total} so far. */
    default void batch(String table, long rows, long total) {
    }

    /** {@code table} is done: {@code total} rows deleted (or counted, in a dry run) in {@code elapsed}. */
    default void finished(String table, long total, Duration elapsed) {
    }
}
