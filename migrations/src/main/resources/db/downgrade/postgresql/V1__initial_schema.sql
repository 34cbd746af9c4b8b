-- Down of V1: removes every table and enum type V1 created, leaving an empty schema.
-- The pg_trgm extension is left installed on purpose: it is database-wide and other schemas (or
-- another Stratum schema in the same database) may depend on it. Dropping it needs owner rights too.

-- Break the reference cycles first so the tables can be dropped without CASCADE.
ALTER TABLE task_run_state DROP CONSTRAINT fk_task_run_state__result_artifact_id__artifact;
ALTER TABLE flow_run_state DROP CONSTRAINT fk_flow_run_state__result_artifact_id__artifact;
ALTER TABLE flow_run DROP CONSTRAINT fk_flow_run__state_id__flow_run_state;
ALTER TABLE flow_run DROP CONSTRAINT fk_flow_run__parent_task_run_id__task_run;
ALTER TABLE work_pool DROP CONSTRAINT fk_work_pool__default_queue_id__work_queue;

DROP TABLE event_resources;
DROP TABLE events;
DROP TABLE automation_event_follower;
DROP TABLE composite_trigger_child_firing;
DROP TABLE automation_related_resource;
DROP TABLE automation_bucket;
DROP TABLE automation;
DROP TABLE csrf_token;
DROP TABLE flow_run_input;
DROP TABLE variable;
DROP TABLE agent;
DROP TABLE worker;
DROP TABLE saved_search;
DROP TABLE configuration;
DROP TABLE log;
DROP TABLE deployment_schedule;
DROP TABLE deployment;
DROP TABLE artifact_collection;
DROP TABLE artifact;
DROP TABLE task_run_state_cache;
DROP TABLE task_run_state;
DROP TABLE task_run;
DROP TABLE flow_run_state;
DROP TABLE flow_run;
DROP TABLE concurrency_limit_v2;
DROP TABLE concurrency_limit;
DROP TABLE work_queue;
DROP TABLE work_pool;
DROP TABLE block_document_reference;
DROP TABLE block_document;
DROP TABLE block_schema_reference;
DROP TABLE block_schema;
DROP TABLE block_type;
DROP TABLE flow;

-- Dropping the tables leaves the enum types behind; a later V1 would fail on CREATE TYPE.
DROP TYPE worker_status;
DROP TYPE work_pool_status;
DROP TYPE work_queue_status;
DROP TYPE deployment_status;
DROP TYPE state_type;
