-- V3: migration-only index ix_flow_run__schedule_id_scheduler (reference 4.2). The scheduler looks up
-- a deployment's auto-scheduled runs per schedule (created_by ->> 'id'); the partial predicate keeps
-- the index to the small set of runs that are still scheduled.

CREATE INDEX ix_flow_run__schedule_id_scheduler
    ON flow_run (deployment_id, (created_by ->> 'id'), next_scheduled_start_time)
    WHERE state_type = 'SCHEDULED' AND auto_scheduled = true;
