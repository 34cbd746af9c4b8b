-- V5 (Stratum extension, not in the reference): the index worker polling reads. A poll takes, per
-- queue, the first scheduled runs by next_scheduled_start_time (then id); without this index the
-- database reads and sorts every run of the queue for each poll, so draining N scheduled runs cost
-- O(N^2) (docs/benchmarks.md: 100,000 runs). Partial, so it holds only the runs still SCHEDULED.

CREATE INDEX ix_flow_run__work_queue_id_next_scheduled_start_time
    ON flow_run (work_queue_id, next_scheduled_start_time, id)
    WHERE state_type = 'SCHEDULED';
