package io.stratum.api;

/** No dialect module on the module path accepts the configured URL. */
@Api(Api.Status.STABLE)
public class DialectNotFoundException extends ConfigurationException {
    private static final long serialVersionUID = 1L;

    public DialectNotFoundException(String message) {
        super(message);
    }
}
