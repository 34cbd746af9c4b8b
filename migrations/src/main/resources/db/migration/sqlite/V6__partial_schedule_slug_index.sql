-- V6 (reference parity): ix_deployment_schedule__deployment_id__slug becomes a partial unique index
-- WHERE slug IS NOT NULL, the form Prefect's own migration chain gives it on both databases
-- (prefect-reference.md 4.10; issue 15 item 5). Unique indexes never compare NULLs, so the rows it
-- accepts are the same; the partial form leaves the schedules without a slug out of the index, and a
-- database adopted from Prefect needs no change here.

DROP INDEX ix_deployment_schedule__deployment_id__slug;

CREATE UNIQUE INDEX ix_deployment_schedule__deployment_id__slug
    ON deployment_schedule (deployment_id, slug)
    WHERE slug IS NOT NULL;
