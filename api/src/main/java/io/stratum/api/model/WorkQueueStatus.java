package io.stratum.api.model;

/** Values of the {@code work_queue_status} enum (a native type on PostgreSQL, VARCHAR on SQLite). */
public enum WorkQueueStatus {
    READY, NOT_READY, PAUSED
}
