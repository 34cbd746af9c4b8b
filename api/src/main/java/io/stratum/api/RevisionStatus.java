package io.stratum.api;

import java.time.Instant;

/** A revision with its state in one database: applied (and when) or pending. */
@Api(Api.Status.STABLE)
public record RevisionStatus(Revision revision, boolean applied, Instant appliedAt) {
}
