-- Down of V2: removes deployment_version and deployment.version_id.

DROP TABLE deployment_version;

-- SQLite refuses to drop an indexed column, so the index goes first. DROP COLUMN needs
-- SQLite 3.35 or later.
DROP INDEX ix_deployment__version_id;
ALTER TABLE deployment DROP COLUMN version_id;
