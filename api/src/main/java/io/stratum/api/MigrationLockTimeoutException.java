package io.stratum.api;

/**
 * A migration waited {@link DatabaseSettings#lockTimeout()} for the migration lock and gave up: another
 * process (named in the message) held it the whole time. Nothing was changed.
 */
@Api(Api.Status.STABLE)
public class MigrationLockTimeoutException extends MigrationException {
    private static final long serialVersionUID = 1L;

    private final String holder;

    public MigrationLockTimeoutException(String message, String holder) {
        super(message);
        this.holder = holder;
    }

    /** The holder of the lock as last seen (host, process, since when), for messages. */
    public String holder() {
        return holder;
    }
}
