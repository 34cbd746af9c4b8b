package io.stratum.api.query;

import io.stratum.api.Api;

/**
 * The row an idempotent create left in the database, and whether this call inserted it.
 *
 * @param row     the stored row, managed by the caller's session (for an existing row: as stored, or
 *                as updated by this call where the create updates on conflict)
 * @param created true when this call inserted the row; false when a row with the same key existed
 */
@Api(Api.Status.EXPERIMENTAL)
public record Created<T>(T row, boolean created) {
}
