-- V2: the migration-only deployment_version table (reference 4.11) and deployment.version_id
-- (reference 4.9). Neither is mapped by the ORM; they exist so the schema matches Prefect's head.
-- Unlike Prefect's SQLite migration, deployment_version.id gets a working SQLite UUID default
-- (Prefect's GEN_RANDOM_UUID() does not exist in SQLite) and created/updated use the same
-- microsecond UTC text as every other table rather than CURRENT_TIMESTAMP.

CREATE TABLE deployment_version (
    id                       CHAR(36) NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))),
    created                  DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    updated                  DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    deployment_id            CHAR(36) NOT NULL,
    branch                   VARCHAR,
    version_info             JSON     NOT NULL DEFAULT '{}',
    description              TEXT,
    tags                     JSON     NOT NULL DEFAULT '[]',
    labels                   JSON,
    entrypoint               VARCHAR,
    pull_steps               JSON,
    parameters               JSON     NOT NULL DEFAULT '{}',
    parameter_openapi_schema JSON,
    enforce_parameter_schema BOOLEAN  NOT NULL DEFAULT 0,
    work_queue_id            CHAR(36),
    work_queue_name          VARCHAR,
    infra_overrides          JSON     NOT NULL DEFAULT '{}',
    CONSTRAINT pk_deployment_version PRIMARY KEY (id),
    CONSTRAINT fk_deployment_version__deployment_id__deployment FOREIGN KEY (deployment_id)
        REFERENCES deployment (id) ON DELETE CASCADE,
    CONSTRAINT fk_deployment_version__work_queue_id__work_queue FOREIGN KEY (work_queue_id)
        REFERENCES work_queue (id) ON DELETE SET NULL
);
CREATE INDEX ix_deployment_version__updated ON deployment_version (updated);
CREATE INDEX ix_deployment_version__deployment_id ON deployment_version (deployment_id);
CREATE INDEX ix_deployment_version__work_queue_id ON deployment_version (work_queue_id);
CREATE INDEX ix_deployment_version__work_queue_name ON deployment_version (work_queue_name);
CREATE UNIQUE INDEX uq_deployment_version__deployment__branch ON deployment_version (deployment_id, branch);

-- version_id deliberately has no FK (as in the reference).
ALTER TABLE deployment ADD COLUMN version_id CHAR(36);
CREATE INDEX ix_deployment__version_id ON deployment (version_id);
