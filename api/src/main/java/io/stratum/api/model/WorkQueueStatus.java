package io.stratum.api.model;

import io.stratum.api.Api;

/** Values of the {@code work_queue_status} enum (a native type on PostgreSQL, VARCHAR on SQLite). */
@Api(Api.Status.STABLE)
public enum WorkQueueStatus {
    READY, NOT_READY, PAUSED
}
