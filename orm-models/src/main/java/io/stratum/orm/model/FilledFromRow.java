package io.stratum.orm.model;

/**
 * Chooses the constructors that make no defaults, for instances EclipseLink fills from a database row
 * ({@link io.stratum.orm.internal.RowInstantiation}); package-private, so only the entities' own
 * {@code fromDatabaseRow()} can use them.
 */
enum FilledFromRow {
    INSTANCE
}
