package io.stratum.orm.types;

import java.util.UUID;

/** Who created or last updated a row ({@code created_by}, {@code updated_by}). */
public record CreatedBy(UUID id, String type, String displayValue) {
}
