-- Down of V6: the slug index covers every schedule again. No row can violate it: NULL slugs never
-- collide in a unique index.

DROP INDEX ix_deployment_schedule__deployment_id__slug;

CREATE UNIQUE INDEX ix_deployment_schedule__deployment_id__slug ON deployment_schedule (deployment_id, slug);
