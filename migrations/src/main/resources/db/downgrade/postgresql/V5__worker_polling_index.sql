-- Down of V5: removes the worker polling index.

DROP INDEX ix_flow_run__work_queue_id_next_scheduled_start_time;
