package io.stratum.api.spi;

import io.stratum.api.Api;

/**
 * The kinds of value a column holds, as the model maps them; the schema drift check asks the dialect
 * ({@link DialectProvider#columnTypes}) which of them a live column type can hold.
 */
@Api(Api.Status.EXPERIMENTAL)
public enum ColumnType {
    UUID, TIMESTAMP, INTERVAL, JSON, TEXT, INTEGER, SMALLINT, BOOLEAN, DOUBLE,
    /** An enum held as its member names, where the database has no native enum type of the same name. */
    ENUM
}
