-- V1: initial Stratum schema for SQLite, the 34 ORM tables of the Prefect reference (section 4).
-- Names, defaults, cascades and indexes follow the reference exactly so that data and queries written
-- against Prefect's schema carry over. Names longer than 63 characters are truncated to 63 to match
-- the PostgreSQL schema.
-- Enums are VARCHAR sized to the longest member; JSON is stored as text; timestamps are UTC text
-- 'YYYY-MM-DD HH:MM:SS.ffffff'. Every FK is declared inline: SQLite resolves FK targets only when rows
-- are written, so table order does not matter, and it cannot add constraints afterwards.
-- Trigram and GIN indexes are PostgreSQL-only.

CREATE TABLE flow (
    id      CHAR(36) NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))),
    created DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    updated DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    name    VARCHAR  NOT NULL,
    tags    JSON     NOT NULL DEFAULT '[]',
    labels  JSON,
    CONSTRAINT pk_flow PRIMARY KEY (id),
    CONSTRAINT uq_flow__name UNIQUE (name)
);
CREATE INDEX ix_flow__updated ON flow (updated);
CREATE INDEX ix_flow__created ON flow (created);

CREATE TABLE block_type (
    id                CHAR(36) NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))),
    created           DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    updated           DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    name              VARCHAR  NOT NULL,
    slug              VARCHAR  NOT NULL,
    logo_url          VARCHAR,
    documentation_url VARCHAR,
    description       VARCHAR,
    code_example      VARCHAR,
    is_protected      BOOLEAN  NOT NULL DEFAULT 0,
    CONSTRAINT pk_block_type PRIMARY KEY (id)
);
CREATE INDEX ix_block_type__updated ON block_type (updated);
CREATE UNIQUE INDEX uq_block_type__slug ON block_type (slug);

CREATE TABLE block_schema (
    id            CHAR(36) NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))),
    created       DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    updated       DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    checksum      VARCHAR  NOT NULL,
    fields        JSON     NOT NULL DEFAULT '{}',
    capabilities  JSON     NOT NULL DEFAULT '[]',
    version       VARCHAR  NOT NULL DEFAULT 'non-versioned',
    block_type_id CHAR(36) NOT NULL,
    CONSTRAINT pk_block_schema PRIMARY KEY (id),
    CONSTRAINT fk_block_schema__block_type_id__block_type FOREIGN KEY (block_type_id)
        REFERENCES block_type (id) ON DELETE CASCADE
);
CREATE INDEX ix_block_schema__updated ON block_schema (updated);
CREATE INDEX ix_block_schema__block_type_id ON block_schema (block_type_id);
CREATE UNIQUE INDEX uq_block_schema__checksum_version ON block_schema (checksum, version);
CREATE INDEX ix_block_schema__created ON block_schema (created);

CREATE TABLE block_schema_reference (
    id                        CHAR(36) NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))),
    created                   DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    updated                   DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    name                      VARCHAR  NOT NULL,
    parent_block_schema_id    CHAR(36) NOT NULL,
    reference_block_schema_id CHAR(36) NOT NULL,
    CONSTRAINT pk_block_schema_reference PRIMARY KEY (id),
    CONSTRAINT fk_block_schema_reference__parent_block_schema_id__block_schema FOREIGN KEY (parent_block_schema_id)
        REFERENCES block_schema (id) ON DELETE CASCADE,
    CONSTRAINT fk_block_schema_reference__reference_block_schema_id__block_sch FOREIGN KEY (reference_block_schema_id)
        REFERENCES block_schema (id) ON DELETE CASCADE
);
CREATE INDEX ix_block_schema_reference__updated ON block_schema_reference (updated);

CREATE TABLE block_document (
    id              CHAR(36) NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))),
    created         DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    updated         DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    name            VARCHAR  NOT NULL,
    data            JSON     NOT NULL DEFAULT '{}',
    is_anonymous    BOOLEAN  NOT NULL DEFAULT 0,
    block_type_name VARCHAR,
    block_type_id   CHAR(36) NOT NULL,
    block_schema_id CHAR(36) NOT NULL,
    CONSTRAINT pk_block_document PRIMARY KEY (id),
    CONSTRAINT fk_block_document__block_type_id__block_type FOREIGN KEY (block_type_id)
        REFERENCES block_type (id) ON DELETE CASCADE,
    CONSTRAINT fk_block_document__block_schema_id__block_schema FOREIGN KEY (block_schema_id)
        REFERENCES block_schema (id) ON DELETE CASCADE
);
CREATE INDEX ix_block_document__updated ON block_document (updated);
CREATE INDEX ix_block_document__name ON block_document (name);
CREATE INDEX ix_block_document__is_anonymous ON block_document (is_anonymous);
CREATE UNIQUE INDEX uq_block__type_id_name ON block_document (block_type_id, name);
CREATE INDEX ix_block_document__block_type_name__name ON block_document (block_type_name, name);

CREATE TABLE block_document_reference (
    id                          CHAR(36) NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))),
    created                     DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    updated                     DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    name                        VARCHAR  NOT NULL,
    parent_block_document_id    CHAR(36) NOT NULL,
    reference_block_document_id CHAR(36) NOT NULL,
    CONSTRAINT pk_block_document_reference PRIMARY KEY (id),
    CONSTRAINT fk_block_document_reference__parent_block_document_id__block_do FOREIGN KEY (parent_block_document_id)
        REFERENCES block_document (id) ON DELETE CASCADE,
    CONSTRAINT fk_block_document_reference__reference_block_document_id__block FOREIGN KEY (reference_block_document_id)
        REFERENCES block_document (id) ON DELETE CASCADE,
    CONSTRAINT ck_block_document_reference__no_self_reference CHECK (parent_block_document_id <> reference_block_document_id)
);
CREATE INDEX ix_block_document_reference__updated ON block_document_reference (updated);

-- default_queue_id (RESTRICT) keeps a pool's default queue from being deleted on its own.
CREATE TABLE work_pool (
    id                          CHAR(36)   NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))),
    created                     DATETIME   NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    updated                     DATETIME   NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    name                        VARCHAR    NOT NULL,
    description                 VARCHAR,
    type                        VARCHAR    NOT NULL,
    base_job_template           JSON       NOT NULL DEFAULT '{}',
    is_paused                   BOOLEAN    NOT NULL DEFAULT 0,
    default_queue_id            CHAR(36),
    concurrency_limit           INTEGER,
    status                      VARCHAR(9) NOT NULL DEFAULT 'NOT_READY',
    last_transitioned_status_at DATETIME,
    last_status_event_id        CHAR(36),
    storage_configuration       JSON       NOT NULL DEFAULT '{}',
    CONSTRAINT pk_work_pool PRIMARY KEY (id),
    CONSTRAINT fk_work_pool__default_queue_id__work_queue FOREIGN KEY (default_queue_id)
        REFERENCES work_queue (id) ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT uq_work_pool__name UNIQUE (name)
);
CREATE INDEX ix_work_pool__updated ON work_pool (updated);
CREATE INDEX ix_work_pool__type ON work_pool (type);

CREATE TABLE work_queue (
    id                CHAR(36)   NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))),
    created           DATETIME   NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    updated           DATETIME   NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    name              VARCHAR    NOT NULL,
    "filter"          JSON,
    description       VARCHAR    NOT NULL DEFAULT '',
    is_paused         BOOLEAN    NOT NULL DEFAULT 0,
    concurrency_limit INTEGER,
    priority          INTEGER    NOT NULL,
    last_polled       DATETIME,
    status            VARCHAR(9) NOT NULL DEFAULT 'NOT_READY',
    work_pool_id      CHAR(36)   NOT NULL,
    CONSTRAINT pk_work_queue PRIMARY KEY (id),
    CONSTRAINT fk_work_queue__work_pool_id__work_pool FOREIGN KEY (work_pool_id)
        REFERENCES work_pool (id) ON DELETE CASCADE,
    CONSTRAINT uq_work_queue__work_pool_id_name UNIQUE (work_pool_id, name)
);
CREATE INDEX ix_work_queue__updated ON work_queue (updated);
CREATE INDEX ix_work_queue__work_pool_id ON work_queue (work_pool_id);
CREATE INDEX ix_work_queue__work_pool_id_priority ON work_queue (work_pool_id, priority);

CREATE TABLE concurrency_limit (
    id                CHAR(36) NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))),
    created           DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    updated           DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    tag               VARCHAR  NOT NULL,
    concurrency_limit INTEGER  NOT NULL,
    active_slots      JSON     NOT NULL DEFAULT '[]',
    CONSTRAINT pk_concurrency_limit PRIMARY KEY (id)
);
CREATE INDEX ix_concurrency_limit__updated ON concurrency_limit (updated);
CREATE UNIQUE INDEX uq_concurrency_limit__tag ON concurrency_limit (tag);

-- No server defaults: the ORM always supplies these values.
CREATE TABLE concurrency_limit_v2 (
    id                         CHAR(36) NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))),
    created                    DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    updated                    DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    active                     BOOLEAN  NOT NULL,
    name                       VARCHAR  NOT NULL,
    "limit"                    INTEGER  NOT NULL,
    active_slots               INTEGER  NOT NULL,
    denied_slots               INTEGER  NOT NULL,
    slot_decay_per_second      FLOAT    NOT NULL,
    avg_slot_occupancy_seconds FLOAT    NOT NULL,
    CONSTRAINT pk_concurrency_limit_v2 PRIMARY KEY (id),
    CONSTRAINT uq_concurrency_limit_v2__name UNIQUE (name)
);
CREATE INDEX ix_concurrency_limit_v2__updated ON concurrency_limit_v2 (updated);

-- deployment_id has no FK on purpose (reference 4.2): a run outlives its deployment.
CREATE TABLE flow_run (
    id                         CHAR(36)    NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))),
    created                    DATETIME    NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    updated                    DATETIME    NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    name                       VARCHAR     NOT NULL,
    state_type                 VARCHAR(10),
    state_name                 VARCHAR,
    state_timestamp            DATETIME,
    run_count                  INTEGER     NOT NULL DEFAULT 0,
    expected_start_time        DATETIME,
    next_scheduled_start_time  DATETIME,
    start_time                 DATETIME,
    end_time                   DATETIME,
    total_run_time             DATETIME    NOT NULL DEFAULT '1970-01-01 00:00:00.000000',
    flow_id                    CHAR(36)    NOT NULL,
    deployment_id              CHAR(36),
    work_queue_name            VARCHAR,
    flow_version               VARCHAR,
    deployment_version         VARCHAR,
    parameters                 JSON        NOT NULL DEFAULT '{}',
    idempotency_key            VARCHAR,
    context                    JSON        NOT NULL DEFAULT '{}',
    empirical_policy           JSON        NOT NULL DEFAULT '{}',
    tags                       JSON        NOT NULL DEFAULT '[]',
    labels                     JSON,
    created_by                 JSON,
    infrastructure_pid         VARCHAR,
    job_variables              JSON        DEFAULT '{}',
    infrastructure_document_id CHAR(36),
    parent_task_run_id         CHAR(36),
    auto_scheduled             BOOLEAN     NOT NULL DEFAULT 0,
    state_id                   CHAR(36),
    work_queue_id              CHAR(36),
    CONSTRAINT pk_flow_run PRIMARY KEY (id),
    CONSTRAINT fk_flow_run__flow_id__flow FOREIGN KEY (flow_id)
        REFERENCES flow (id) ON DELETE CASCADE,
    CONSTRAINT fk_flow_run__infrastructure_document_id__block_document FOREIGN KEY (infrastructure_document_id)
        REFERENCES block_document (id) ON DELETE CASCADE,
    CONSTRAINT fk_flow_run__parent_task_run_id__task_run FOREIGN KEY (parent_task_run_id)
        REFERENCES task_run (id) ON DELETE SET NULL,
    -- Checked at commit, so a run and its first state are written in one flush (see the PostgreSQL V1).
    CONSTRAINT fk_flow_run__state_id__flow_run_state FOREIGN KEY (state_id)
        REFERENCES flow_run_state (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT fk_flow_run__work_queue_id__work_queue FOREIGN KEY (work_queue_id)
        REFERENCES work_queue (id) ON DELETE SET NULL
);
CREATE INDEX ix_flow_run__updated ON flow_run (updated);
CREATE INDEX ix_flow_run__name ON flow_run (name);
CREATE INDEX ix_flow_run__flow_id ON flow_run (flow_id);
CREATE INDEX ix_flow_run__deployment_id ON flow_run (deployment_id);
CREATE INDEX ix_flow_run__work_queue_name ON flow_run (work_queue_name);
CREATE INDEX ix_flow_run__flow_version ON flow_run (flow_version);
CREATE INDEX ix_flow_run__deployment_version ON flow_run (deployment_version);
CREATE INDEX ix_flow_run__infrastructure_document_id ON flow_run (infrastructure_document_id);
CREATE INDEX ix_flow_run__parent_task_run_id ON flow_run (parent_task_run_id);
CREATE INDEX ix_flow_run__state_id ON flow_run (state_id);
CREATE INDEX ix_flow_run__work_queue_id ON flow_run (work_queue_id);
CREATE UNIQUE INDEX uq_flow_run__flow_id_idempotency_key ON flow_run (flow_id, idempotency_key);
CREATE INDEX ix_flow_run__coalesce_start_time_expected_start_time_desc
    ON flow_run (coalesce(start_time, expected_start_time) DESC);
CREATE INDEX ix_flow_run__coalesce_start_time_expected_start_time_asc
    ON flow_run (coalesce(start_time, expected_start_time) ASC);
CREATE INDEX ix_flow_run__expected_start_time_desc ON flow_run (expected_start_time DESC);
CREATE INDEX ix_flow_run__next_scheduled_start_time_asc ON flow_run (next_scheduled_start_time ASC);
CREATE INDEX ix_flow_run__end_time_desc ON flow_run (end_time DESC);
CREATE INDEX ix_flow_run__start_time ON flow_run (start_time);
CREATE INDEX ix_flow_run__state_type ON flow_run (state_type);
CREATE INDEX ix_flow_run__state_name ON flow_run (state_name);
CREATE INDEX ix_flow_run__state_timestamp ON flow_run (state_timestamp);
CREATE INDEX ix_flow_run__scheduler_deployment_id_auto_scheduled_next_schedu
    ON flow_run (deployment_id, auto_scheduled, next_scheduled_start_time) WHERE state_type = 'SCHEDULED';

CREATE TABLE flow_run_state (
    id                 CHAR(36)    NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))),
    created            DATETIME    NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    updated            DATETIME    NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    flow_run_id        CHAR(36)    NOT NULL,
    type               VARCHAR(10) NOT NULL,
    "timestamp"        DATETIME    NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    name               VARCHAR     NOT NULL,
    message            VARCHAR,
    state_details      JSON        NOT NULL DEFAULT '{}',
    data               JSON,
    result_artifact_id CHAR(36),
    CONSTRAINT pk_flow_run_state PRIMARY KEY (id),
    CONSTRAINT fk_flow_run_state__flow_run_id__flow_run FOREIGN KEY (flow_run_id)
        REFERENCES flow_run (id) ON DELETE CASCADE,
    CONSTRAINT fk_flow_run_state__result_artifact_id__artifact FOREIGN KEY (result_artifact_id)
        REFERENCES artifact (id) ON DELETE SET NULL
);
CREATE INDEX ix_flow_run_state__updated ON flow_run_state (updated);
CREATE INDEX ix_flow_run_state__type ON flow_run_state (type);
CREATE INDEX ix_flow_run_state__name ON flow_run_state (name);
CREATE INDEX ix_flow_run_state__result_artifact_id ON flow_run_state (result_artifact_id);
CREATE UNIQUE INDEX uq_flow_run_state__flow_run_id_timestamp_desc
    ON flow_run_state (flow_run_id, "timestamp" DESC);

-- state_id has no FK: upstream dropped it to make deleting runs cheap, so orphan values are possible.
CREATE TABLE task_run (
    id                        CHAR(36)    NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))),
    created                   DATETIME    NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    updated                   DATETIME    NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    name                      VARCHAR     NOT NULL,
    state_type                VARCHAR(10),
    state_name                VARCHAR,
    state_timestamp           DATETIME,
    run_count                 INTEGER     NOT NULL DEFAULT 0,
    expected_start_time       DATETIME,
    next_scheduled_start_time DATETIME,
    start_time                DATETIME,
    end_time                  DATETIME,
    total_run_time            DATETIME    NOT NULL DEFAULT '1970-01-01 00:00:00.000000',
    flow_run_id               CHAR(36),
    task_key                  VARCHAR     NOT NULL,
    dynamic_key               VARCHAR     NOT NULL,
    cache_key                 VARCHAR,
    cache_expiration          DATETIME,
    task_version              VARCHAR,
    flow_run_run_count        INTEGER     NOT NULL DEFAULT 0,
    empirical_policy          JSON        NOT NULL DEFAULT '{}',
    task_inputs               JSON        NOT NULL DEFAULT '{}',
    tags                      JSON        NOT NULL DEFAULT '[]',
    labels                    JSON,
    state_id                  CHAR(36),
    CONSTRAINT pk_task_run PRIMARY KEY (id),
    CONSTRAINT fk_task_run__flow_run_id__flow_run FOREIGN KEY (flow_run_id)
        REFERENCES flow_run (id) ON DELETE CASCADE
);
CREATE INDEX ix_task_run__updated ON task_run (updated);
CREATE INDEX ix_task_run__name ON task_run (name);
CREATE INDEX ix_task_run__flow_run_id ON task_run (flow_run_id);
CREATE INDEX ix_task_run__state_id ON task_run (state_id);
CREATE UNIQUE INDEX uq_task_run__flow_run_id_task_key_dynamic_key
    ON task_run (flow_run_id, task_key, dynamic_key);
CREATE INDEX ix_task_run__expected_start_time_desc ON task_run (expected_start_time DESC);
CREATE INDEX ix_task_run__next_scheduled_start_time_asc ON task_run (next_scheduled_start_time ASC);
CREATE INDEX ix_task_run__end_time_desc ON task_run (end_time DESC);
CREATE INDEX ix_task_run__start_time ON task_run (start_time);
CREATE INDEX ix_task_run__state_type ON task_run (state_type);
CREATE INDEX ix_task_run__state_type_start_time ON task_run (state_type, start_time);
CREATE INDEX ix_task_run__state_name ON task_run (state_name);
CREATE INDEX ix_task_run__state_timestamp ON task_run (state_timestamp);

CREATE TABLE task_run_state (
    id                 CHAR(36)    NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))),
    created            DATETIME    NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    updated            DATETIME    NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    task_run_id        CHAR(36)    NOT NULL,
    type               VARCHAR(10) NOT NULL,
    "timestamp"        DATETIME    NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    name               VARCHAR     NOT NULL,
    message            VARCHAR,
    state_details      JSON        NOT NULL DEFAULT '{}',
    data               JSON,
    result_artifact_id CHAR(36),
    CONSTRAINT pk_task_run_state PRIMARY KEY (id),
    CONSTRAINT fk_task_run_state__task_run_id__task_run FOREIGN KEY (task_run_id)
        REFERENCES task_run (id) ON DELETE CASCADE,
    CONSTRAINT fk_task_run_state__result_artifact_id__artifact FOREIGN KEY (result_artifact_id)
        REFERENCES artifact (id) ON DELETE SET NULL
);
CREATE INDEX ix_task_run_state__updated ON task_run_state (updated);
CREATE INDEX ix_task_run_state__type ON task_run_state (type);
CREATE INDEX ix_task_run_state__name ON task_run_state (name);
CREATE INDEX ix_task_run_state__result_artifact_id ON task_run_state (result_artifact_id);
CREATE UNIQUE INDEX uq_task_run_state__task_run_id_timestamp_desc
    ON task_run_state (task_run_id, "timestamp" DESC);

-- task_run_state_id has no FK on purpose (reference 4.38).
CREATE TABLE task_run_state_cache (
    id                CHAR(36) NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))),
    created           DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    updated           DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    cache_key         VARCHAR  NOT NULL,
    cache_expiration  DATETIME,
    task_run_state_id CHAR(36) NOT NULL,
    CONSTRAINT pk_task_run_state_cache PRIMARY KEY (id)
);
CREATE INDEX ix_task_run_state_cache__updated ON task_run_state_cache (updated);
CREATE INDEX ix_task_run_state_cache__cache_key_created_desc ON task_run_state_cache (cache_key, created DESC);

-- Run ids have no FK on purpose (reference 4.38): artifact lifetime is managed by the application.
CREATE TABLE artifact (
    id          CHAR(36) NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))),
    created     DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    updated     DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    "key"       VARCHAR,
    task_run_id CHAR(36),
    flow_run_id CHAR(36),
    type        VARCHAR,
    data        JSON,
    description VARCHAR,
    metadata_   JSON,
    CONSTRAINT pk_artifact PRIMARY KEY (id)
);
CREATE INDEX ix_artifact__updated ON artifact (updated);
CREATE INDEX ix_artifact__key ON artifact ("key");
CREATE INDEX ix_artifact__task_run_id ON artifact (task_run_id);
CREATE INDEX ix_artifact__flow_run_id ON artifact (flow_run_id);
CREATE INDEX ix_artifact__key_created_desc ON artifact ("key", created DESC);

-- latest_id has no FK: the application re-points it when the latest artifact is deleted.
CREATE TABLE artifact_collection (
    id          CHAR(36) NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))),
    created     DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    updated     DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    "key"       VARCHAR  NOT NULL,
    latest_id   CHAR(36) NOT NULL,
    task_run_id CHAR(36),
    flow_run_id CHAR(36),
    type        VARCHAR,
    data        JSON,
    description VARCHAR,
    metadata_   JSON,
    CONSTRAINT pk_artifact_collection PRIMARY KEY (id),
    CONSTRAINT uq_artifact_collection__key UNIQUE ("key")
);
CREATE INDEX ix_artifact_collection__updated ON artifact_collection (updated);
CREATE INDEX ix_artifact_collection__key_latest_id ON artifact_collection ("key", latest_id);

-- enforce_parameter_schema: server default false differs from the ORM default true on purpose
-- (reference 4.9); only rows written without the ORM get false.
CREATE TABLE deployment (
    id                         CHAR(36)   NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))),
    created                    DATETIME   NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    updated                    DATETIME   NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    name                       VARCHAR    NOT NULL,
    version                    VARCHAR,
    description                TEXT,
    work_queue_name            VARCHAR,
    infra_overrides            JSON       NOT NULL DEFAULT '{}',
    path                       VARCHAR,
    entrypoint                 VARCHAR,
    last_polled                DATETIME,
    status                     VARCHAR(9) NOT NULL DEFAULT 'NOT_READY',
    flow_id                    CHAR(36)   NOT NULL,
    work_queue_id              CHAR(36),
    paused                     BOOLEAN    NOT NULL DEFAULT 0,
    concurrency_limit          INTEGER,
    concurrency_limit_id       CHAR(36),
    concurrency_options        JSON,
    tags                       JSON       NOT NULL DEFAULT '[]',
    labels                     JSON,
    parameters                 JSON       NOT NULL DEFAULT '{}',
    pull_steps                 JSON,
    parameter_openapi_schema   JSON,
    enforce_parameter_schema   BOOLEAN    NOT NULL DEFAULT 0,
    created_by                 JSON,
    updated_by                 JSON,
    infrastructure_document_id CHAR(36),
    storage_document_id        CHAR(36),
    CONSTRAINT pk_deployment PRIMARY KEY (id),
    CONSTRAINT fk_deployment__flow_id__flow FOREIGN KEY (flow_id)
        REFERENCES flow (id) ON DELETE CASCADE,
    CONSTRAINT fk_deployment__work_queue_id__work_queue FOREIGN KEY (work_queue_id)
        REFERENCES work_queue (id) ON DELETE SET NULL,
    CONSTRAINT fk_deployment__concurrency_limit_id__concurrency_limit_v2 FOREIGN KEY (concurrency_limit_id)
        REFERENCES concurrency_limit_v2 (id) ON DELETE SET NULL,
    CONSTRAINT fk_deployment__infrastructure_document_id__block_document FOREIGN KEY (infrastructure_document_id)
        REFERENCES block_document (id) ON DELETE CASCADE,
    CONSTRAINT fk_deployment__storage_document_id__block_document FOREIGN KEY (storage_document_id)
        REFERENCES block_document (id) ON DELETE CASCADE
);
CREATE INDEX ix_deployment__updated ON deployment (updated);
CREATE INDEX ix_deployment__work_queue_name ON deployment (work_queue_name);
CREATE INDEX ix_deployment__flow_id ON deployment (flow_id);
CREATE INDEX ix_deployment__work_queue_id ON deployment (work_queue_id);
CREATE INDEX ix_deployment__paused ON deployment (paused);
CREATE UNIQUE INDEX uq_deployment__flow_id_name ON deployment (flow_id, name);
CREATE INDEX ix_deployment__created ON deployment (created);

CREATE TABLE deployment_schedule (
    id                 CHAR(36) NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))),
    created            DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    updated            DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    deployment_id      CHAR(36) NOT NULL,
    schedule           JSON     NOT NULL,
    active             BOOLEAN  NOT NULL,
    max_scheduled_runs INTEGER,
    parameters         JSON     NOT NULL DEFAULT '{}',
    slug               VARCHAR,
    CONSTRAINT pk_deployment_schedule PRIMARY KEY (id),
    CONSTRAINT fk_deployment_schedule__deployment_id__deployment FOREIGN KEY (deployment_id)
        REFERENCES deployment (id) ON DELETE CASCADE
);
CREATE INDEX ix_deployment_schedule__updated ON deployment_schedule (updated);
CREATE INDEX ix_deployment_schedule__deployment_id ON deployment_schedule (deployment_id);
CREATE UNIQUE INDEX ix_deployment_schedule__deployment_id__slug ON deployment_schedule (deployment_id, slug);
CREATE INDEX ix_deployment_schedule__slug ON deployment_schedule (slug);

-- Run ids have no FK: logs are deleted by application logic when runs are deleted, not by cascade.
CREATE TABLE log (
    id          CHAR(36) NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))),
    created     DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    updated     DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    name        VARCHAR  NOT NULL,
    level       SMALLINT NOT NULL,
    flow_run_id CHAR(36),
    task_run_id CHAR(36),
    message     TEXT     NOT NULL,
    "timestamp" DATETIME NOT NULL,
    CONSTRAINT pk_log PRIMARY KEY (id)
);
CREATE INDEX ix_log__updated ON log (updated);
CREATE INDEX ix_log__level ON log (level);
CREATE INDEX ix_log__flow_run_id ON log (flow_run_id);
CREATE INDEX ix_log__task_run_id ON log (task_run_id);
CREATE INDEX ix_log__timestamp ON log ("timestamp");
CREATE INDEX ix_log__flow_run_id_timestamp ON log (flow_run_id, "timestamp");

CREATE TABLE configuration (
    id      CHAR(36) NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))),
    created DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    updated DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    "key"   VARCHAR  NOT NULL,
    value   JSON     NOT NULL,
    CONSTRAINT pk_configuration PRIMARY KEY (id),
    CONSTRAINT uq_configuration__key UNIQUE ("key")
);
CREATE INDEX ix_configuration__updated ON configuration (updated);
CREATE INDEX ix_configuration__key ON configuration ("key");

CREATE TABLE saved_search (
    id      CHAR(36) NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))),
    created DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    updated DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    name    VARCHAR  NOT NULL,
    filters JSON     NOT NULL DEFAULT '[]',
    CONSTRAINT pk_saved_search PRIMARY KEY (id),
    CONSTRAINT uq_saved_search__name UNIQUE (name)
);
CREATE INDEX ix_saved_search__updated ON saved_search (updated);

CREATE TABLE worker (
    id                         CHAR(36)   NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))),
    created                    DATETIME   NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    updated                    DATETIME   NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    work_pool_id               CHAR(36)   NOT NULL,
    name                       VARCHAR    NOT NULL,
    last_heartbeat_time        DATETIME   NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    heartbeat_interval_seconds INTEGER,
    status                     VARCHAR(7) NOT NULL DEFAULT 'OFFLINE',
    CONSTRAINT pk_worker PRIMARY KEY (id),
    CONSTRAINT fk_worker__work_pool_id__work_pool FOREIGN KEY (work_pool_id)
        REFERENCES work_pool (id) ON DELETE CASCADE,
    CONSTRAINT uq_worker__work_pool_id_name UNIQUE (work_pool_id, name)
);
CREATE INDEX ix_worker__updated ON worker (updated);
CREATE INDEX ix_worker__work_pool_id ON worker (work_pool_id);
CREATE INDEX ix_worker__work_pool_id_last_heartbeat_time ON worker (work_pool_id, last_heartbeat_time);

-- work_queue_id has no ON DELETE action (NO ACTION): agents must be removed before their queue.
CREATE TABLE agent (
    id                 CHAR(36) NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))),
    created            DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    updated            DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    name               VARCHAR  NOT NULL,
    work_queue_id      CHAR(36) NOT NULL,
    last_activity_time DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    CONSTRAINT pk_agent PRIMARY KEY (id),
    CONSTRAINT fk_agent__work_queue_id__work_queue FOREIGN KEY (work_queue_id)
        REFERENCES work_queue (id),
    CONSTRAINT uq_agent__name UNIQUE (name)
);
CREATE INDEX ix_agent__updated ON agent (updated);
CREATE INDEX ix_agent__work_queue_id ON agent (work_queue_id);

CREATE TABLE variable (
    id      CHAR(36) NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))),
    created DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    updated DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    name    VARCHAR  NOT NULL,
    value   JSON,
    tags    JSON     NOT NULL DEFAULT '[]',
    CONSTRAINT pk_variable PRIMARY KEY (id),
    CONSTRAINT uq_variable__name UNIQUE (name)
);
CREATE INDEX ix_variable__updated ON variable (updated);

CREATE TABLE flow_run_input (
    id          CHAR(36) NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))),
    created     DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    updated     DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    flow_run_id CHAR(36) NOT NULL,
    "key"       VARCHAR  NOT NULL,
    value       TEXT     NOT NULL,
    sender      VARCHAR,
    CONSTRAINT pk_flow_run_input PRIMARY KEY (id),
    CONSTRAINT fk_flow_run_input__flow_run_id__flow_run FOREIGN KEY (flow_run_id)
        REFERENCES flow_run (id) ON DELETE CASCADE,
    CONSTRAINT uq_flow_run_input__flow_run_id_key UNIQUE (flow_run_id, "key")
);
CREATE INDEX ix_flow_run_input__updated ON flow_run_input (updated);

CREATE TABLE csrf_token (
    id         CHAR(36) NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))),
    created    DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    updated    DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    token      VARCHAR  NOT NULL,
    client     VARCHAR  NOT NULL,
    expiration DATETIME NOT NULL,
    CONSTRAINT pk_csrf_token PRIMARY KEY (id),
    CONSTRAINT uq_csrf_token__client UNIQUE (client)
);
CREATE INDEX ix_csrf_token__updated ON csrf_token (updated);

-- description has no server default: the ORM supplies ''.
CREATE TABLE automation (
    id                 CHAR(36) NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))),
    created            DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    updated            DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    name               VARCHAR  NOT NULL,
    description        VARCHAR  NOT NULL,
    enabled            BOOLEAN  NOT NULL DEFAULT 1,
    tags               JSON     NOT NULL DEFAULT '[]',
    "trigger"          JSON     NOT NULL,
    actions            JSON     NOT NULL,
    actions_on_trigger JSON     NOT NULL DEFAULT '[]',
    actions_on_resolve JSON     NOT NULL DEFAULT '[]',
    CONSTRAINT pk_automation PRIMARY KEY (id)
);
CREATE INDEX ix_automation__updated ON automation (updated);

CREATE TABLE automation_bucket (
    id             CHAR(36) NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))),
    created        DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    updated        DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    automation_id  CHAR(36) NOT NULL,
    trigger_id     CHAR(36) NOT NULL,
    bucketing_key  JSON     NOT NULL DEFAULT '[]',
    last_event     JSON,
    "start"        DATETIME NOT NULL,
    "end"          DATETIME NOT NULL,
    count          INTEGER  NOT NULL,
    last_operation VARCHAR,
    triggered_at   DATETIME,
    CONSTRAINT pk_automation_bucket PRIMARY KEY (id),
    CONSTRAINT fk_automation_bucket__automation_id__automation FOREIGN KEY (automation_id)
        REFERENCES automation (id) ON DELETE CASCADE
);
CREATE INDEX ix_automation_bucket__updated ON automation_bucket (updated);
CREATE UNIQUE INDEX uq_automation_bucket__automation_id__trigger_id__bucketing_key
    ON automation_bucket (automation_id, trigger_id, bucketing_key);
CREATE INDEX ix_automation_bucket__automation_id__end ON automation_bucket (automation_id, "end");

CREATE TABLE automation_related_resource (
    id                           CHAR(36) NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))),
    created                      DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    updated                      DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    automation_id                CHAR(36) NOT NULL,
    resource_id                  VARCHAR,
    automation_owned_by_resource BOOLEAN  NOT NULL DEFAULT 0,
    CONSTRAINT pk_automation_related_resource PRIMARY KEY (id),
    CONSTRAINT fk_automation_related_resource__automation_id__automation FOREIGN KEY (automation_id)
        REFERENCES automation (id) ON DELETE CASCADE
);
CREATE INDEX ix_automation_related_resource__updated ON automation_related_resource (updated);
CREATE INDEX ix_automation_related_resource__resource_id ON automation_related_resource (resource_id);
CREATE UNIQUE INDEX uq_automation_related_resource__automation_id__resource_id
    ON automation_related_resource (automation_id, resource_id);

CREATE TABLE composite_trigger_child_firing (
    id                CHAR(36) NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))),
    created           DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    updated           DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    automation_id     CHAR(36) NOT NULL,
    parent_trigger_id CHAR(36) NOT NULL,
    child_trigger_id  CHAR(36) NOT NULL,
    child_firing_id   CHAR(36) NOT NULL,
    child_fired_at    DATETIME,
    child_firing      JSON     NOT NULL,
    CONSTRAINT pk_composite_trigger_child_firing PRIMARY KEY (id),
    CONSTRAINT fk_composite_trigger_child_firing__automation_id__automation FOREIGN KEY (automation_id)
        REFERENCES automation (id) ON DELETE CASCADE
);
CREATE INDEX ix_composite_trigger_child_firing__updated ON composite_trigger_child_firing (updated);
CREATE UNIQUE INDEX uq_composite_trigger_child_firing__a_id__pt_id__ct__id
    ON composite_trigger_child_firing (automation_id, parent_trigger_id, child_trigger_id);

-- scope has no server default: the ORM supplies ''.
CREATE TABLE automation_event_follower (
    id                CHAR(36) NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))),
    created           DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    updated           DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    scope             VARCHAR  NOT NULL,
    leader_event_id   CHAR(36) NOT NULL,
    follower_event_id CHAR(36) NOT NULL,
    received          DATETIME NOT NULL,
    follower          JSON     NOT NULL,
    CONSTRAINT pk_automation_event_follower PRIMARY KEY (id)
);
CREATE INDEX ix_automation_event_follower__updated ON automation_event_follower (updated);
CREATE INDEX ix_automation_event_follower__scope ON automation_event_follower (scope);
CREATE INDEX ix_automation_event_follower__leader_event_id ON automation_event_follower (leader_event_id);
CREATE INDEX ix_automation_event_follower__received ON automation_event_follower (received);
CREATE UNIQUE INDEX uq_follower_for_scope ON automation_event_follower (scope, follower_event_id);
CREATE INDEX ix_ae_follower_scope_leader ON automation_event_follower (scope, leader_event_id);

-- SQLite has no GIN: as in the reference's SQLite schema, a btree on related_resource_ids and
-- (event, related, occurred) stand in for the two GIN indexes and ix_events__event_occurred.
CREATE TABLE events (
    id                   CHAR(36) NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))),
    created              DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    updated              DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    occurred             DATETIME NOT NULL,
    event                TEXT     NOT NULL,
    resource_id          TEXT     NOT NULL,
    resource             JSON     NOT NULL,
    related_resource_ids JSON     NOT NULL DEFAULT '[]',
    related              JSON     NOT NULL DEFAULT '[]',
    payload              JSON     NOT NULL,
    received             DATETIME NOT NULL,
    recorded             DATETIME NOT NULL,
    follows              CHAR(36),
    CONSTRAINT pk_events PRIMARY KEY (id)
);
CREATE INDEX ix_events__updated ON events (updated);
CREATE INDEX ix_events__related_resource_ids ON events (related_resource_ids);
CREATE INDEX ix_events__occurred ON events (occurred);
CREATE INDEX ix_events__event__id ON events (event, id);
CREATE INDEX ix_events__event_resource_id_occurred ON events (event, resource_id, occurred);
CREATE INDEX ix_events__occurred_id ON events (occurred, id);
CREATE INDEX ix_events__event_occurred_id ON events (event, occurred, id);
CREATE INDEX ix_events__event_related_occurred ON events (event, related, occurred);

-- event_id has no FK on purpose (reference 4.38); the event write path inserts resources only for new events.
CREATE TABLE event_resources (
    id            CHAR(36) NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))),
    created       DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    updated       DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    occurred      DATETIME NOT NULL,
    resource_id   TEXT     NOT NULL,
    resource_role TEXT     NOT NULL,
    resource      JSON     NOT NULL,
    event_id      CHAR(36) NOT NULL,
    CONSTRAINT pk_event_resources PRIMARY KEY (id)
);
CREATE INDEX ix_event_resources__updated ON event_resources (updated);
CREATE INDEX ix_event_resources__resource_id__occurred ON event_resources (resource_id, occurred);
CREATE INDEX ix_event_resources__occurred ON event_resources (occurred);
CREATE INDEX ix_event_resources__event_id ON event_resources (event_id);
