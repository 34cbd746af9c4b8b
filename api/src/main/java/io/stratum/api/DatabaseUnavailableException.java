package io.stratum.api;

/**
 * The database could not be reached or a connection could not be had in time. Retryable: the same
 * {@link DatabaseInterface} works again once the database is back — also once a standby has been
 * promoted behind a multi-host URL ({@code targetServerType=primary}): connections to the lost server
 * are discarded, new ones go to whichever server the URL finds.
 *
 * <p>Which driver errors mean this is the dialect's call ({@code DialectProvider#isConnectionFailure}):
 * on PostgreSQL SQLState class {@code 08} (connection exception, e.g. {@code 08001} no server of the
 * target type, {@code 08006} I/O error), {@code 57P01} admin shutdown, {@code 57P02} crash shutdown and
 * {@code 57P03} cannot connect now. The message says whether a commit's outcome is unknown.
 */
@Api(Api.Status.STABLE)
public class DatabaseUnavailableException extends StratumException {
    private static final long serialVersionUID = 1L;

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
