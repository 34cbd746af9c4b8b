package io.stratum.api.model;

import io.stratum.api.Api;

/** Values of the {@code work_pool_status} enum (a native type on PostgreSQL, VARCHAR on SQLite). */
@Api(Api.Status.STABLE)
public enum WorkPoolStatus {
    READY, NOT_READY, PAUSED
}
