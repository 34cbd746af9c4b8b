package io.stratum.api.query;

import io.stratum.api.Api;
import java.time.Instant;
import java.util.UUID;

/**
 * An artifact shown in a {@link FlowRunGraph} (reference schema {@code GraphArtifact}).
 *
 * @param id       the artifact's id
 * @param created  when it was created
 * @param key      its key; {@code null} for an artifact without one
 * @param type     its type ({@code markdown}, {@code table}, {@code progress}, …)
 * @param isLatest true when it has no key, or is the latest artifact of its key (its artifact collection's {@code latest_id})
 * @param data     for a {@code progress} artifact its data as a plain Java value ({@code null}, {@link Boolean},
 *                 {@link Double} for every number, {@link String}, {@link java.util.List}, {@link java.util.Map});
 *                 {@code null} for every other type, as in the reference
 */
@Api(Api.Status.EXPERIMENTAL)
public record GraphArtifact(UUID id, Instant created, String key, String type, boolean isLatest, Object data) {

    /** The one artifact type whose data a graph carries. */
    public static final String PROGRESS = "progress";
}
