package io.stratum.api;

/** A setting is missing, malformed or contradicts another. Nothing was opened or written. */
@Api(Api.Status.STABLE)
public class ConfigurationException extends StratumException {
    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
