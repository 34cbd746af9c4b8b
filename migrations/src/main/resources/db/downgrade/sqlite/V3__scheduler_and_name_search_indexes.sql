-- Down of V3: removes the indexes V3 created.

DROP INDEX ix_block_document_name_case_insensitive;
DROP INDEX ix_block_type_name_case_insensitive;
DROP INDEX ix_deployment_name_case_insensitive;
DROP INDEX ix_task_run_name_case_insensitive;
DROP INDEX ix_flow_run_name_case_insensitive;
DROP INDEX ix_flow_name_case_insensitive;
DROP INDEX ix_flow_run__schedule_id_scheduler;
