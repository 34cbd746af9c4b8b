-- Down of V3: removes the indexes V3 created.

DROP INDEX ix_flow_run__schedule_id_scheduler;
