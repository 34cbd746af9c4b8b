package io.stratum.api;

/**
 * Every setting Stratum reads, with its environment variable, system property and default. A
 * system property wins over the environment variable; a builder value wins over both.
 */
@Api(Api.Status.STABLE)
public enum SettingKey {
    URL("url", "JDBC URL: jdbc:sqlite:<file> or jdbc:postgresql://host:port/db", "jdbc:sqlite:$STRATUM_HOME/stratum.db"),
    USER("user", "database user (PostgreSQL)", null),
    PASSWORD("password", "database password; never logged or printed", null),
    TIMEOUT("timeout", "statement timeout on PostgreSQL, busy wait on SQLite, in seconds", "10"),
    CONNECTION_TIMEOUT("connection_timeout", "seconds to wait for a new connection to open", "5"),
    POOL_SIZE("pool_size", "connections kept open when idle", "5"),
    MAX_OVERFLOW("max_overflow", "extra connections opened under load beyond pool_size", "10"),
    POOL_RECYCLE("pool_recycle", "seconds after which a connection is replaced; 0 disables", "3600"),
    POOL_TIMEOUT("pool_timeout", "seconds a caller waits for a free pooled connection", "30"),
    APPLICATION_NAME("application_name", "application_name reported to PostgreSQL", "stratum"),
    ECHO("echo", "log every SQL statement (true/false)", "false"),
    MIGRATE_ON_START("migrate_on_start", "upgrade to the newest revision when the interface opens", "true"),
    MIGRATION_TIMEOUT("migration_timeout", "statement timeout in seconds for migrations on PostgreSQL; unset = none", null),
    LEAK_TIMEOUT("leak_timeout", "seconds a session may hold a pooled connection before it is logged as leaked; 0 disables", "0"),
    READ_ONLY("read_only", "open for inspection: migrate_on_start not run; SQLite: nothing created or written, the file opened read-only", "false"),
    ALLOW_SYMLINKS("allow_symlinks", "allow the SQLite database file and the home folder to be symbolic links (true/false)", "false"),
    LOCK_TIMEOUT("lock_timeout", "seconds a migration waits for the migration lock held by another process before it fails", "300");

    private final String name;
    private final String description;
    private final String defaultValue;

    SettingKey(String name, String description, String defaultValue) {
        this.name = name;
        this.description = description;
        this.defaultValue = defaultValue;
    }

    /** {@code STRATUM_DATABASE_<NAME>}. */
    public String environmentVariable() {
        return "STRATUM_DATABASE_" + name.toUpperCase(java.util.Locale.ROOT);
    }

    /** {@code stratum.database.<name>}. */
    public String systemProperty() {
        return "stratum.database." + name;
    }

    public String description() {
        return description;
    }

    /** The default as documented; {@code null} when unset by default. */
    public String defaultValue() {
        return defaultValue;
    }
}
