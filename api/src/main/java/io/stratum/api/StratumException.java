package io.stratum.api;

/** Base of every error Stratum raises itself. Messages say what was wrong and what to do. */
@Api(Api.Status.STABLE)
public class StratumException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StratumException(String message) {
        super(message);
    }

    public StratumException(String message, Throwable cause) {
        super(message, cause);
    }
}
