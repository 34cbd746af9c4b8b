package io.stratum.api;

/**
 * There is no database where the settings point, and the interface was opened {@linkplain
 * DatabaseSettings#readOnly() read-only}, or asked only whether it can connect: nothing was created.
 * Usually a misspelt path.
 */
@Api(Api.Status.STABLE)
public class DatabaseNotFoundException extends ConfigurationException {
    private static final long serialVersionUID = 1L;

    /** @param location the path (or redacted URL) where the database was expected */
    public DatabaseNotFoundException(String location) {
        super("No database at " + location + " (nothing was created). Check the path in "
                + SettingKey.URL.environmentVariable() + ", or create the database with 'stratum database upgrade'.");
    }
}
