package io.stratum.api;

/** A migration could not be applied or reverted; the database is left at the last whole revision. */
@Api(Api.Status.STABLE)
public class MigrationException extends StratumException {
    private static final long serialVersionUID = 1L;

    public MigrationException(String message) {
        super(message);
    }

    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
