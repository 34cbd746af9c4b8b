package io.stratum.api;

/**
 * Where a database interface comes from: {@code Stratum.open(settings)}. The only public type that
 * reaches into the implementation, and only in its method bodies, so {@link DatabaseInterface} stays a
 * plain contract that names nothing internal.
 */
@Api(Api.Status.STABLE)
public final class Stratum {
    private Stratum() {
    }

    /**
     * The interface for these settings: an existing one for the same key (dialect, URL, user), else a
     * new one (which migrates to the newest revision when {@code migrate_on_start} is set). The same key
     * opened with other settings is refused with an error naming the settings that differ.
     */
    public static DatabaseInterface open(DatabaseSettings settings) {
        return io.stratum.api.internal.Registry.open(settings);
    }

    /** The interface for the settings in the environment ({@link DatabaseSettings#fromEnvironment()}). */
    public static DatabaseInterface open() {
        return open(DatabaseSettings.fromEnvironment());
    }
}
