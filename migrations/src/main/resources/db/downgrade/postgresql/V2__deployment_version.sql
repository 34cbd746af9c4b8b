-- Down of V2: removes deployment_version and deployment.version_id.

DROP TABLE deployment_version;

DROP INDEX ix_deployment__version_id;
ALTER TABLE deployment DROP COLUMN version_id;
