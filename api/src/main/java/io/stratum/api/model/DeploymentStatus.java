package io.stratum.api.model;

/** Values of the {@code deployment_status} enum (a native type on PostgreSQL, VARCHAR on SQLite). */
public enum DeploymentStatus {
    READY, NOT_READY
}
