package io.stratum.orm.types;

import io.stratum.api.Api;
import java.util.UUID;

/** Who created or last updated a row ({@code created_by}, {@code updated_by}). */
@Api(Api.Status.STABLE)
public record CreatedBy(UUID id, String type, String displayValue) {
}
