package io.stratum.orm.types;

/**
 * A typed JSON column value with rules beyond its Java shape. The column converters call
 * {@link #validationError()} on every write and after every read and fail with a
 * {@link JsonColumnException} naming the column, so an invalid value never reaches or leaves the
 * database silently.
 */
public interface ValidatedJson {
    /** Why this value is invalid, or {@code null} when it is valid. */
    String validationError();
}
