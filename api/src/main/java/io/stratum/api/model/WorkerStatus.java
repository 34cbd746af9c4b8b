package io.stratum.api.model;

import io.stratum.api.Api;

/** Values of the {@code worker_status} enum (a native type on PostgreSQL, VARCHAR on SQLite). */
@Api(Api.Status.STABLE)
public enum WorkerStatus {
    ONLINE, OFFLINE
}
