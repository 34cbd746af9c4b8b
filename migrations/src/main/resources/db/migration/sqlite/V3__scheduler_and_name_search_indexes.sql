-- V3: migration-only indexes. ix_flow_run__schedule_id_scheduler (reference 4.2) serves the
-- scheduler's per-schedule lookup of a deployment's auto-scheduled runs; the partial predicate keeps it
-- small. The *_name_case_insensitive indexes (reference 4.0) serve case-insensitive name search,
-- which PostgreSQL does with its trigram indexes instead.

CREATE INDEX ix_flow_run__schedule_id_scheduler
    ON flow_run (deployment_id, json_extract(created_by, '$.id'), next_scheduled_start_time)
    WHERE state_type = 'SCHEDULED' AND auto_scheduled = 1;

CREATE INDEX ix_flow_name_case_insensitive ON flow (name COLLATE NOCASE);
CREATE INDEX ix_flow_run_name_case_insensitive ON flow_run (name COLLATE NOCASE);
CREATE INDEX ix_task_run_name_case_insensitive ON task_run (name COLLATE NOCASE);
CREATE INDEX ix_deployment_name_case_insensitive ON deployment (name COLLATE NOCASE);
CREATE INDEX ix_block_type_name_case_insensitive ON block_type (name COLLATE NOCASE);
CREATE INDEX ix_block_document_name_case_insensitive ON block_document (name COLLATE NOCASE);
