package io.stratum.api;

/** The database's schema revision does not match what this build of Stratum knows. */
@Api(Api.Status.STABLE)
public class SchemaVersionException extends MigrationException {
    private static final long serialVersionUID = 1L;

    public SchemaVersionException(String message) {
        super(message);
    }
}
