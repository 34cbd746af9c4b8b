package io.stratum.queries.internal;

import io.stratum.orm.types.Timestamps;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
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
    /** What a collection copies from the artifact it points at (the reference's delete_artifact). */
    private static final String COPIED = "(latest_id, task_run_id, flow_run_id, type, data, description, metadata_, created)";
    private static final String COPIED_FROM = "id, task_run_id, flow_run_id, type, data, description, metadata_, created";
    /** Only while the collection still points at the deleted artifact: a create that re-pointed it meanwhile wins. */
    private static final String REPOINT = "UPDATE artifact_collection SET " + COPIED + " = (SELECT " + COPIED_FROM
            + " FROM artifact WHERE id = ?), updated = ? WHERE \"key\" = ? AND latest_id = ?";
    /**
     * Set-based form for retention: every listed collection whose latest artifact is gone is pointed at the
     * newest artifact left of its key (same order as {@link #NEXT_LATEST}).
     */
    private static final String REPOINT_STALE = "UPDATE artifact_collection SET " + COPIED + " = (SELECT " + COPIED_FROM
            + " FROM artifact a WHERE a.\"key\" = artifact_collection.\"key\" ORDER BY a.created DESC, a.id DESC LIMIT 1), "
            + "updated = ? WHERE \"key\" IN (%s) "
            + "AND NOT EXISTS (SELECT 1 FROM artifact a WHERE a.id = artifact_collection.latest_id) "
            + "AND EXISTS (SELECT 1 FROM artifact a WHERE a.\"key\" = artifact_collection.\"key\")";
    /** ... and those with no artifact left are deleted. */
    private static final String DELETE_STALE = "DELETE FROM artifact_collection WHERE \"key\" IN (%s) "
            + "AND NOT EXISTS (SELECT 1 FROM artifact a WHERE a.id = artifact_collection.latest_id)";
    private static final String DELETE_COLLECTION = "DELETE FROM artifact_collection WHERE \"key\" = ? AND latest_id = ?";
    private static final String DELETE_ARTIFACT = "DELETE FROM artifact WHERE id = ?";

    private final DialectSql dialect;

    ArtifactDeletes(DialectSql dialect) {
        this.dialect = dialect;
    }

    /**
     * Re-points each of {@code keys}' collections whose latest artifact no longer exists at the newest
     * artifact left of its key, or deletes it when none is left: two statements, in the caller's
     * transaction. Returns {re-pointed, deleted}.
     */
    int[] repointStaleCollections(TransactionSql sql, List<String> keys, Instant now) {
        String in = TransactionSql.placeholders(keys.size());
        Object[] repointParameters = new Object[keys.size() + 1];
        repointParameters[0] = now;
        for (int i = 0; i < keys.size(); i++) {
            repointParameters[i + 1] = keys.get(i);
        }
        int repointed = sql.update(String.format(REPOINT_STALE, in), repointParameters);
        int deleted = sql.update(String.format(DELETE_STALE, in), keys.toArray());
        return new int[] {repointed, deleted};
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
