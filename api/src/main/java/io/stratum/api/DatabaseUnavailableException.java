package io.stratum.api;

/**
 * The database could not be reached or a connection could not be had in time. Retryable: the same
 * {@link DatabaseInterface} works again once the database is back.
 */
@Api(Api.Status.STABLE)
public class DatabaseUnavailableException extends StratumException {
    private static final long serialVersionUID = 1L;

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
