package io.stratum.api.query;

import io.stratum.api.Api;
import io.stratum.api.model.Artifact;
import io.stratum.api.model.ArtifactCollection;

/**
 * An inserted artifact and, when it has a key, the artifact collection row that now points at it.
 *
 * @param artifact          the inserted artifact, managed by the caller's session
 * @param collection        the collection of the artifact's key with {@code latest_id} = the artifact; null without a key
 * @param collectionCreated true when this call created the collection row (first artifact of the key)
 */
@Api(Api.Status.EXPERIMENTAL)
public record ArtifactCreated(Artifact artifact, ArtifactCollection collection, boolean collectionCreated) {
}
