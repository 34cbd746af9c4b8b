package io.stratum.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * Immutable configuration of one {@link DatabaseInterface}. Build with {@link #builder()}, or read
 * the environment with {@link #fromEnvironment()} ({@code STRATUM_DATABASE_*} variables and
 * {@code stratum.database.*} system properties, see {@link SettingKey}).
 *
 * <p>The password is held but never shown: {@link #toString()} and every error message mask it, and
 * URLs are shown with credentials redacted.
 */
@Api(Api.Status.STABLE)
public final class DatabaseSettings {
    /** Stratum's home folder, holding the default SQLite database. */
    public static final String HOME_ENVIRONMENT_VARIABLE = "STRATUM_HOME";
    public static final String HOME_SYSTEM_PROPERTY = "stratum.home";

    private final String url;
    private final String user;
    private final String password;
    private final Duration timeout;
    private final Duration connectionTimeout;
    private final int poolSize;
    private final int maxOverflow;
    private final Duration poolRecycle;
    private final Duration poolTimeout;
    private final String applicationName;
    private final boolean echo;
    private final boolean migrateOnStart;
    private final Duration migrationTimeout;
    private final Duration leakTimeout;
    private final boolean readOnly;
    private final boolean allowSymlinks;
    private final Duration lockTimeout;

    private DatabaseSettings(Builder b) {
        this.url = b.url != null ? b.url.trim() : defaultUrl(b.home);
        this.user = emptyToNull(b.user);
        this.password = emptyToNull(b.password);
        this.timeout = positive(SettingKey.TIMEOUT, b.timeout);
        this.connectionTimeout = positive(SettingKey.CONNECTION_TIMEOUT, b.connectionTimeout);
        this.poolSize = atLeast(SettingKey.POOL_SIZE, b.poolSize, 1);
        this.maxOverflow = atLeast(SettingKey.MAX_OVERFLOW, b.maxOverflow, 0);
        this.poolRecycle = notNegative(SettingKey.POOL_RECYCLE, b.poolRecycle);
        this.poolTimeout = positive(SettingKey.POOL_TIMEOUT, b.poolTimeout);
        this.applicationName = emptyToNull(b.applicationName);
        this.echo = b.echo;
        this.migrateOnStart = b.migrateOnStart;
        this.migrationTimeout = b.migrationTimeout == null ? null : positive(SettingKey.MIGRATION_TIMEOUT, b.migrationTimeout);
        this.leakTimeout = notNegative(SettingKey.LEAK_TIMEOUT, b.leakTimeout, "never report");
        this.readOnly = b.readOnly;
        this.allowSymlinks = b.allowSymlinks;
        this.lockTimeout = positive(SettingKey.LOCK_TIMEOUT, b.lockTimeout);
        if (url.isEmpty()) {
            throw new ConfigurationException("Setting " + SettingKey.URL.environmentVariable()
                    + " is empty. Set a JDBC URL such as jdbc:sqlite:/var/lib/stratum/stratum.db or "
                    + "jdbc:postgresql://127.0.0.1:5432/stratum, or leave it unset for the SQLite default.");
        }
        if (!url.regionMatches(true, 0, "jdbc:", 0, 5)) {
            throw new ConfigurationException("Database URL '" + Redaction.url(url) + "' is not a JDBC URL. "
                    + "Use jdbc:sqlite:<file> or jdbc:postgresql://<host>:<port>/<database>.");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Settings from system properties, then environment variables, then defaults. */
    public static DatabaseSettings fromEnvironment() {
        return fromSources(System.getenv(), System.getProperties());
    }

    /** Settings read from the given environment and properties (testable form of {@link #fromEnvironment()}). */
    public static DatabaseSettings fromSources(Map<String, String> environment, Properties properties) {
        Function<SettingKey, String> read = key -> {
            String fromProperty = properties.getProperty(key.systemProperty());
            if (fromProperty != null) {
                return fromProperty;
            }
            return environment.get(key.environmentVariable());
        };
        Builder b = builder();
        String home = properties.getProperty(HOME_SYSTEM_PROPERTY, environment.get(HOME_ENVIRONMENT_VARIABLE));
        if (home != null && !home.isBlank()) {
            b.home(Path.of(home));
        }
        ifSet(read, SettingKey.URL, b::url);
        ifSet(read, SettingKey.USER, b::user);
        ifSet(read, SettingKey.PASSWORD, b::password);
        ifSet(read, SettingKey.TIMEOUT, v -> b.timeout(seconds(SettingKey.TIMEOUT, v)));
        ifSet(read, SettingKey.CONNECTION_TIMEOUT, v -> b.connectionTimeout(seconds(SettingKey.CONNECTION_TIMEOUT, v)));
        ifSet(read, SettingKey.POOL_SIZE, v -> b.poolSize(integer(SettingKey.POOL_SIZE, v)));
        ifSet(read, SettingKey.MAX_OVERFLOW, v -> b.maxOverflow(integer(SettingKey.MAX_OVERFLOW, v)));
        ifSet(read, SettingKey.POOL_RECYCLE, v -> b.poolRecycle(seconds(SettingKey.POOL_RECYCLE, v)));
        ifSet(read, SettingKey.POOL_TIMEOUT, v -> b.poolTimeout(seconds(SettingKey.POOL_TIMEOUT, v)));
        ifSet(read, SettingKey.APPLICATION_NAME, b::applicationName);
        ifSet(read, SettingKey.ECHO, v -> b.echo(bool(SettingKey.ECHO, v)));
        ifSet(read, SettingKey.MIGRATE_ON_START, v -> b.migrateOnStart(bool(SettingKey.MIGRATE_ON_START, v)));
        ifSet(read, SettingKey.MIGRATION_TIMEOUT, v -> b.migrationTimeout(seconds(SettingKey.MIGRATION_TIMEOUT, v)));
        ifSet(read, SettingKey.LEAK_TIMEOUT, v -> b.leakTimeout(seconds(SettingKey.LEAK_TIMEOUT, v)));
        ifSet(read, SettingKey.READ_ONLY, v -> b.readOnly(bool(SettingKey.READ_ONLY, v)));
        ifSet(read, SettingKey.ALLOW_SYMLINKS, v -> b.allowSymlinks(bool(SettingKey.ALLOW_SYMLINKS, v)));
        ifSet(read, SettingKey.LOCK_TIMEOUT, v -> b.lockTimeout(seconds(SettingKey.LOCK_TIMEOUT, v)));
        return b.build();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.url = url;
        b.user = user;
        b.password = password;
        b.timeout = timeout;
        b.connectionTimeout = connectionTimeout;
        b.poolSize = poolSize;
        b.maxOverflow = maxOverflow;
        b.poolRecycle = poolRecycle;
        b.poolTimeout = poolTimeout;
        b.applicationName = applicationName;
        b.echo = echo;
        b.migrateOnStart = migrateOnStart;
        b.migrationTimeout = migrationTimeout;
        b.leakTimeout = leakTimeout;
        b.readOnly = readOnly;
        b.allowSymlinks = allowSymlinks;
        b.lockTimeout = lockTimeout;
        return b;
    }

    public String url() {
        return url;
    }

    /** The URL with any credentials replaced by {@code ***}: safe to log. */
    public String redactedUrl() {
        return Redaction.url(url);
    }

    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /** The password; callers must never log it. */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    public Duration timeout() {
        return timeout;
    }

    public Duration connectionTimeout() {
        return connectionTimeout;
    }

    public int poolSize() {
        return poolSize;
    }

    public int maxOverflow() {
        return maxOverflow;
    }

    /** Age at which a pooled connection is replaced; {@link Duration#ZERO} never replaces. */
    public Duration poolRecycle() {
        return poolRecycle;
    }

    public Duration poolTimeout() {
        return poolTimeout;
    }

    public Optional<String> applicationName() {
        return Optional.ofNullable(applicationName);
    }

    public boolean echo() {
        return echo;
    }

    public boolean migrateOnStart() {
        return migrateOnStart;
    }

    public Optional<Duration> migrationTimeout() {
        return Optional.ofNullable(migrationTimeout);
    }

    /**
     * How long a session may hold a pooled connection before the pool logs it as leaked (a WARNING
     * naming the holding thread); {@link Duration#ZERO} (the default) never reports.
     */
    public Duration leakTimeout() {
        return leakTimeout;
    }

    /**
     * Opened for inspection: {@code migrate_on_start} is not run. On SQLite nothing is created or
     * written: a missing file is a {@link DatabaseNotFoundException} instead of a new database, and the
     * file is opened read-only (also in a read-only folder). PostgreSQL connections are unchanged
     * (connecting never creates a PostgreSQL database).
     */
    public boolean readOnly() {
        return readOnly;
    }

    /** Whether the SQLite database file and Stratum's home folder may be symbolic links (refused by default). */
    public boolean allowSymlinks() {
        return allowSymlinks;
    }

    /**
     * How long an upgrade, downgrade or stamp waits for the migration lock while another process holds
     * it ({@link SettingKey#LOCK_TIMEOUT}); then it fails with a {@link MigrationLockTimeoutException}
     * naming the holder, and changes nothing.
     */
    public Duration lockTimeout() {
        return lockTimeout;
    }

    /** Names of the settings whose values differ between the two (the password compared, never shown). */
    public List<String> differences(DatabaseSettings other) {
        List<String> names = new ArrayList<>();
        diff(names, SettingKey.URL, url, other.url);
        diff(names, SettingKey.USER, user, other.user);
        diff(names, SettingKey.PASSWORD, password, other.password);
        diff(names, SettingKey.TIMEOUT, timeout, other.timeout);
        diff(names, SettingKey.CONNECTION_TIMEOUT, connectionTimeout, other.connectionTimeout);
        diff(names, SettingKey.POOL_SIZE, poolSize, other.poolSize);
        diff(names, SettingKey.MAX_OVERFLOW, maxOverflow, other.maxOverflow);
        diff(names, SettingKey.POOL_RECYCLE, poolRecycle, other.poolRecycle);
        diff(names, SettingKey.POOL_TIMEOUT, poolTimeout, other.poolTimeout);
        diff(names, SettingKey.APPLICATION_NAME, applicationName, other.applicationName);
        diff(names, SettingKey.ECHO, echo, other.echo);
        diff(names, SettingKey.MIGRATE_ON_START, migrateOnStart, other.migrateOnStart);
        diff(names, SettingKey.MIGRATION_TIMEOUT, migrationTimeout, other.migrationTimeout);
        diff(names, SettingKey.LEAK_TIMEOUT, leakTimeout, other.leakTimeout);
        diff(names, SettingKey.READ_ONLY, readOnly, other.readOnly);
        diff(names, SettingKey.ALLOW_SYMLINKS, allowSymlinks, other.allowSymlinks);
        diff(names, SettingKey.LOCK_TIMEOUT, lockTimeout, other.lockTimeout);
        return names;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DatabaseSettings && differences((DatabaseSettings) o).isEmpty();
    }

    @Override
    public int hashCode() {
        return Objects.hash(url, user, timeout, poolSize);
    }

    @Override
    public String toString() {
        return "DatabaseSettings{url=" + redactedUrl()
                + ", user=" + user
                + ", password=" + (password == null ? "<unset>" : "***")
                + ", timeout=" + timeout
                + ", connectionTimeout=" + connectionTimeout
                + ", poolSize=" + poolSize
                + ", maxOverflow=" + maxOverflow
                + ", poolRecycle=" + poolRecycle
                + ", poolTimeout=" + poolTimeout
                + ", applicationName=" + applicationName
                + ", echo=" + echo
                + ", migrateOnStart=" + migrateOnStart
                + ", migrationTimeout=" + migrationTimeout
                + ", leakTimeout=" + leakTimeout
                + ", readOnly=" + readOnly
                + ", allowSymlinks=" + allowSymlinks
                + ", lockTimeout=" + lockTimeout + "}";
    }

    /** The SQLite file under Stratum's home folder: {@code $STRATUM_HOME/stratum.db}, home default {@code ~/.stratum}. */
    public static String defaultUrl(Path home) {
        Path folder = home != null ? home : defaultHome();
        return "jdbc:sqlite:" + folder.toAbsolutePath().resolve("stratum.db");
    }

    public static Path defaultHome() {
        String fromProperty = System.getProperty(HOME_SYSTEM_PROPERTY);
        String fromEnvironment = System.getenv(HOME_ENVIRONMENT_VARIABLE);
        String chosen = fromProperty != null ? fromProperty : fromEnvironment;
        if (chosen != null && !chosen.isBlank()) {
            return Path.of(chosen);
        }
        return Path.of(System.getProperty("user.home"), ".stratum");
    }

    private static void diff(List<String> names, SettingKey key, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            names.add(key.environmentVariable());
        }
    }

    private static void ifSet(Function<SettingKey, String> read, SettingKey key, java.util.function.Consumer<String> apply) {
        String value = read.apply(key);
        if (value != null) {
            apply.accept(value.trim());
        }
    }

    private static Duration seconds(SettingKey key, String value) {
        try {
            double seconds = Double.parseDouble(value);
            if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
                throw new NumberFormatException();
            }
            return Duration.ofNanos(Math.round(seconds * 1_000_000_000d));
        } catch (NumberFormatException e) {
            throw new ConfigurationException("Setting " + key.environmentVariable() + "='" + value
                    + "' is not a number of seconds. Use a value such as 10 or 2.5.");
        }
    }

    private static int integer(SettingKey key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ConfigurationException("Setting " + key.environmentVariable() + "='" + value
                    + "' is not a whole number.");
        }
    }

    private static boolean bool(SettingKey key, String value) {
        switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true": case "1": case "yes": case "on":
                return true;
            case "false": case "0": case "no": case "off":
                return false;
            default:
                throw new ConfigurationException("Setting " + key.environmentVariable() + "='" + value
                        + "' is not a boolean. Use true or false.");
        }
    }

    private static Duration positive(SettingKey key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new ConfigurationException("Setting " + key.environmentVariable() + " must be a positive duration, got "
                    + (value == null ? "nothing" : value.toMillis() / 1000.0 + " s") + ".");
        }
        return value;
    }

    private static Duration notNegative(SettingKey key, Duration value) {
        return notNegative(key, value, "never recycle");
    }

    private static Duration notNegative(SettingKey key, Duration value, String zeroMeans) {
        if (value == null || value.isNegative()) {
            throw new ConfigurationException("Setting " + key.environmentVariable()
                    + " must be zero (" + zeroMeans + ") or a positive number of seconds, got "
                    + (value == null ? "nothing" : value.toMillis() / 1000.0 + " s") + ".");
        }
        return value;
    }

    private static int atLeast(SettingKey key, int value, int minimum) {
        if (value < minimum) {
            throw new ConfigurationException("Setting " + key.environmentVariable() + " must be at least " + minimum
                    + ", got " + value + ".");
        }
        return value;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /** Mutable, not thread-safe; {@link #build()} validates and fails with a {@link ConfigurationException}. */
    public static final class Builder {
        private Path home;
        private String url;
        private String user;
        private String password;
        private Duration timeout = Duration.ofSeconds(10);
        private Duration connectionTimeout = Duration.ofSeconds(5);
        private int poolSize = 5;
        private int maxOverflow = 10;
        private Duration poolRecycle = Duration.ofSeconds(3600);
        private Duration poolTimeout = Duration.ofSeconds(30);
        private String applicationName = "stratum";
        private boolean echo;
        private boolean migrateOnStart = true;
        private Duration migrationTimeout;
        private Duration leakTimeout = Duration.ZERO;
        private boolean readOnly;
        private boolean allowSymlinks;
        private Duration lockTimeout = Duration.ofSeconds(Long.parseLong(SettingKey.LOCK_TIMEOUT.defaultValue()));

        private Builder() {
        }

        /** Home folder for the default SQLite URL; ignored when a URL is set. */
        public Builder home(Path home) {
            this.home = home;
            return this;
        }

        public Builder url(String url) {
            this.url = url;
            return this;
        }

        public Builder user(String user) {
            this.user = user;
            return this;
        }

        public Builder password(String password) {
            this.password = password;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder connectionTimeout(Duration connectionTimeout) {
            this.connectionTimeout = connectionTimeout;
            return this;
        }

        public Builder poolSize(int poolSize) {
            this.poolSize = poolSize;
            return this;
        }

        public Builder maxOverflow(int maxOverflow) {
            this.maxOverflow = maxOverflow;
            return this;
        }

        public Builder poolRecycle(Duration poolRecycle) {
            this.poolRecycle = poolRecycle;
            return this;
        }

        public Builder poolTimeout(Duration poolTimeout) {
            this.poolTimeout = poolTimeout;
            return this;
        }

        public Builder applicationName(String applicationName) {
            this.applicationName = applicationName;
            return this;
        }

        public Builder echo(boolean echo) {
            this.echo = echo;
            return this;
        }

        public Builder migrateOnStart(boolean migrateOnStart) {
            this.migrateOnStart = migrateOnStart;
            return this;
        }

        public Builder migrationTimeout(Duration migrationTimeout) {
            this.migrationTimeout = migrationTimeout;
            return this;
        }

        /** See {@link DatabaseSettings#leakTimeout()}; zero disables the report. */
        public Builder leakTimeout(Duration leakTimeout) {
            this.leakTimeout = leakTimeout;
            return this;
        }

        /** See {@link DatabaseSettings#readOnly()}. */
        public Builder readOnly(boolean readOnly) {
            this.readOnly = readOnly;
            return this;
        }

        /** See {@link DatabaseSettings#allowSymlinks()}. */
        public Builder allowSymlinks(boolean allowSymlinks) {
            this.allowSymlinks = allowSymlinks;
            return this;
        }

        /** See {@link DatabaseSettings#lockTimeout()}. */
        public Builder lockTimeout(Duration lockTimeout) {
            this.lockTimeout = lockTimeout;
            return this;
        }

        public DatabaseSettings build() {
            return new DatabaseSettings(this);
        }
    }
}
