package io.stratum.api.model;

/** Values of the {@code work_pool_status} enum (a native type on PostgreSQL, VARCHAR on SQLite). */
public enum WorkPoolStatus {
    READY, NOT_READY, PAUSED
}
