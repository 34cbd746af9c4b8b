package io.stratum.orm.types;

import io.stratum.api.Api;

/**
 * A typed JSON column value with rules beyond its Java shape. The column converters call
 * {@link #validationError()} on every write and after every read and fail with a
 * {@link JsonColumnException} naming the column, so an invalid value never reaches or leaves the
 * database silently.
 */
@Api(Api.Status.STABLE)
public interface ValidatedJson {
    /** Why this value is invalid, or {@code null} when it is valid. */
    String validationError();
}
