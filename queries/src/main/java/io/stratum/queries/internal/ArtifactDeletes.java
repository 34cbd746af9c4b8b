package io.stratum.queries.internal;

import io.stratum.orm.types.Timestamps;
import jakarta.persistence.EntityManager;
import java.util.Optional;
import java.util.UUID;

/**
 * Deletes an artifact and keeps its key's collection describing the newest artifact left (the reference's
 * {@code delete_artifact}). The same SQL on both databases.
 */
final class ArtifactDeletes {
    private static final String KEY_OF = "SELECT \"key\" FROM artifact WHERE id = ?";
    private static final String NEXT_LATEST = "SELECT id FROM artifact WHERE \"key\" = ? AND id <> ? "
            + "ORDER BY created DESC, id DESC LIMIT 1";
    /** Only while the collection still points at the deleted artifact: a create that re-pointed it meanwhile wins. */
    private static final String REPOINT = "UPDATE artifact_collection SET (latest_id, task_run_id, flow_run_id, type, "
            + "data, description, metadata_, created) = (SELECT id, task_run_id, flow_run_id, type, data, description, "
            + "metadata_, created FROM artifact WHERE id = ?), updated = ? WHERE \"key\" = ? AND latest_id = ?";
    private static final String DELETE_COLLECTION = "DELETE FROM artifact_collection WHERE \"key\" = ? AND latest_id = ?";
    private static final String DELETE_ARTIFACT = "DELETE FROM artifact WHERE id = ?";

    private final DialectSql dialect;

    ArtifactDeletes(DialectSql dialect) {
        this.dialect = dialect;
    }

    boolean delete(EntityManager session, UUID artifactId) {
        if (artifactId == null) {
            throw new IllegalArgumentException("deleteArtifact got a null artifact id; pass the id of the artifact to delete.");
        }
        TransactionSql sql = TransactionSql.of(session, dialect, "deleting artifact " + artifactId);
        Optional<Optional<String>> key = sql.queryOne(KEY_OF, row -> Optional.ofNullable(row.getString(1)), artifactId);
        if (key.isEmpty()) {
            return false;
        }
        if (key.get().isPresent()) {
            String artifactKey = key.get().get();
            Optional<UUID> next = sql.queryOne(NEXT_LATEST, row -> dialect.values().readUuid(row, 1), artifactKey,
                    artifactId);
            if (next.isPresent()) {
                sql.update(REPOINT, next.get(), Timestamps.now(), artifactKey, artifactId);
            } else {
                sql.update(DELETE_COLLECTION, artifactKey, artifactId);
            }
        }
        return sql.update(DELETE_ARTIFACT, artifactId) == 1;
    }
}
