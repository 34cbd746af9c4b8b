package io.stratum.api.model;

/** Values of the {@code worker_status} enum (a native type on PostgreSQL, VARCHAR on SQLite). */
public enum WorkerStatus {
    ONLINE, OFFLINE
}
