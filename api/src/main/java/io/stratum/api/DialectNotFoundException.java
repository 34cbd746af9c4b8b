package io.stratum.api;

/** No installed dialect (module path or class path) accepts the configured URL. */
@Api(Api.Status.STABLE)
public class DialectNotFoundException extends ConfigurationException {
    private static final long serialVersionUID = 1L;

    public DialectNotFoundException(String message) {
        super(message);
    }
}
