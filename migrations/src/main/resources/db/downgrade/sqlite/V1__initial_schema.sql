-- Down of V1: removes every table V1 created, leaving an empty database.
-- With foreign_keys=ON each DROP TABLE first deletes its rows and fires FK actions, so children are
-- dropped before parents, and work_pool before work_queue (a queue still named as some pool's
-- default_queue_id cannot be deleted: RESTRICT). Indexes go with their tables.

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
DROP TABLE work_pool;
DROP TABLE work_queue;
DROP TABLE block_document_reference;
DROP TABLE block_document;
DROP TABLE block_schema_reference;
DROP TABLE block_schema;
DROP TABLE block_type;
DROP TABLE flow;
