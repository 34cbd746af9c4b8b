package io.stratum.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;

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

    /** Where a value out of range came from when it was set on the builder. */
    private static final String BUILDER = "DatabaseSettings.Builder";

    private final String url;
    private final String readUrl;
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
    private final String driver;
    private final String host;
    private final Integer port;
    private final String name;
    private final boolean urlFromParts;
    private final Path home;
    private final boolean tlsEnabled;
    private final Path tlsCaFile;
    private final Path tlsCertFile;
    private final Path tlsKeyFile;
    private final boolean tlsCheckHostname;
    private final String searchPath;
    private final Set<RetentionKind> retentionEnabled;
    private final Duration retentionPeriod;
    private final int retentionBatchSize;
    private final Duration eventsRetentionPeriod;
    private final Map<String, Duration> eventRetentionOverrides;
    private final String migrationUrl;
    private final boolean transactionPooler;
    private final Integer statementCacheSize;
    private final Integer preparedStatementCacheSize;

    private DatabaseSettings(Builder b) {
        this.driver = emptyToNull(b.driver == null ? null : b.driver.trim());
        this.host = emptyToNull(b.host == null ? null : b.host.trim());
        this.port = b.port == null ? null : SettingKey.PORT.checked(b.port, BUILDER);
        this.name = emptyToNull(b.name);
        this.home = b.home != null ? b.home : defaultHome();
        this.tlsEnabled = b.tlsEnabled;
        this.tlsCaFile = b.tlsCaFile;
        this.tlsCertFile = b.tlsCertFile;
        this.tlsKeyFile = b.tlsKeyFile;
        this.tlsCheckHostname = b.tlsCheckHostname;
        this.searchPath = emptyToNull(b.searchPath == null ? null : b.searchPath.trim());
        this.readUrl = b.readUrl == null || b.readUrl.isBlank() ? null : b.readUrl.trim();
        this.user = emptyToNull(b.user);
        this.password = emptyToNull(b.password);
        this.timeout = SettingKey.TIMEOUT.checked(b.timeout, BUILDER);
        this.connectionTimeout = SettingKey.CONNECTION_TIMEOUT.checked(b.connectionTimeout, BUILDER);
        this.poolSize = SettingKey.POOL_SIZE.checked(b.poolSize, BUILDER);
        this.maxOverflow = SettingKey.MAX_OVERFLOW.checked(b.maxOverflow, BUILDER);
        this.poolRecycle = SettingKey.POOL_RECYCLE.checked(b.poolRecycle, BUILDER);
        this.poolTimeout = SettingKey.POOL_TIMEOUT.checked(b.poolTimeout, BUILDER);
        this.applicationName = emptyToNull(b.applicationName);
        this.echo = b.echo;
        this.migrateOnStart = b.migrateOnStart;
        this.migrationTimeout = b.migrationTimeout == null ? null : SettingKey.MIGRATION_TIMEOUT.checked(b.migrationTimeout, BUILDER);
        this.leakTimeout = SettingKey.LEAK_TIMEOUT.checked(b.leakTimeout, BUILDER);
        this.readOnly = b.readOnly;
        this.allowSymlinks = b.allowSymlinks;
        this.lockTimeout = SettingKey.LOCK_TIMEOUT.checked(b.lockTimeout, BUILDER);
        // A url set wins over the pieces (as in the reference); without one, any piece builds the URL
        // through the dialect the driver names, which says what is missing.
        this.urlFromParts = b.url == null && (driver != null || host != null || port != null || name != null);
        this.url = b.url != null ? b.url.trim()
                : urlFromParts ? io.stratum.api.internal.ConnectionUrls.fromParts(this) : defaultUrl(home);
        EnumSet<RetentionKind> kinds = EnumSet.noneOf(RetentionKind.class);
        kinds.addAll(b.retentionEnabled);
        this.retentionEnabled = Collections.unmodifiableSet(kinds);
        this.retentionPeriod = SettingKey.RETENTION_PERIOD.checked(b.retentionPeriod, BUILDER);
        this.retentionBatchSize = SettingKey.RETENTION_BATCH_SIZE.checked(b.retentionBatchSize, BUILDER);
        this.eventsRetentionPeriod = SettingKey.EVENTS_RETENTION_PERIOD.checked(b.eventsRetentionPeriod, BUILDER);
        Map<String, Duration> overrides = new LinkedHashMap<>();
        for (Map.Entry<String, Duration> override : b.eventRetentionOverrides.entrySet()) {
            String type = override.getKey() == null ? "" : override.getKey().trim();
            if (type.isEmpty()) {
                throw new ConfigurationException("Setting " + SettingKey.EVENT_RETENTION_OVERRIDES.settingName()
                        + " names an empty event type. Use event-type=duration pairs such as prefect.flow-run.heartbeat=1d.");
            }
            Duration period = SettingKey.EVENT_RETENTION_OVERRIDES.checked(override.getValue(), BUILDER);
            if (period.compareTo(eventsRetentionPeriod) > 0) {
                throw new ConfigurationException("Setting " + SettingKey.EVENT_RETENTION_OVERRIDES.settingName()
                        + " keeps " + type + " events for " + period + ", longer than "
                        + SettingKey.EVENTS_RETENTION_PERIOD.settingName() + " (" + eventsRetentionPeriod
                        + ", after which every event is deleted). An override can only shorten retention: lower it, or "
                        + "raise " + SettingKey.EVENTS_RETENTION_PERIOD.environmentVariable() + ".");
            }
            overrides.put(type, period);
        }
        this.eventRetentionOverrides = Collections.unmodifiableMap(overrides);
        this.migrationUrl = b.migrationUrl == null || b.migrationUrl.isBlank() ? null : b.migrationUrl.trim();
        this.transactionPooler = b.transactionPooler;
        this.statementCacheSize = b.statementCacheSize == null ? null
                : SettingKey.STATEMENT_CACHE_SIZE.checked(b.statementCacheSize, BUILDER);
        this.preparedStatementCacheSize = b.preparedStatementCacheSize == null ? null
                : SettingKey.PREPARED_STATEMENT_CACHE_SIZE.checked(b.preparedStatementCacheSize, BUILDER);
        if (url.isEmpty()) {
            throw new ConfigurationException("Setting " + SettingKey.URL.environmentVariable()
                    + " is empty. Set a JDBC URL such as jdbc:sqlite:/var/lib/stratum/stratum.db or "
                    + "jdbc:postgresql://127.0.0.1:5432/stratum, or leave it unset for the SQLite default.");
        }
        if (!url.regionMatches(true, 0, "jdbc:", 0, 5)) {
            throw new ConfigurationException("Database URL '" + Redaction.url(url) + "' is not a JDBC URL. "
                    + "Use jdbc:sqlite:<file> or jdbc:postgresql://<host>:<port>/<database>.");
        }
        if (readUrl != null && !readUrl.regionMatches(true, 0, "jdbc:", 0, 5)) {
            throw new ConfigurationException("Setting " + SettingKey.READ_URL.environmentVariable() + " '"
                    + Redaction.url(readUrl) + "' is not a JDBC URL. Use the replica's "
                    + "jdbc:postgresql://<host>:<port>/<database>, or leave it unset to read from url.");
        }
        if (migrationUrl != null && !migrationUrl.regionMatches(true, 0, "jdbc:", 0, 5)) {
            throw new ConfigurationException("Setting " + SettingKey.MIGRATION_URL.environmentVariable() + " '"
                    + Redaction.url(migrationUrl) + "' is not a JDBC URL. Use the server's own address, such as "
                    + "jdbc:postgresql://<host>:<port>/<database>, or leave it unset to migrate through "
                    + SettingKey.URL.environmentVariable() + ".");
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
        UnknownSettings.warn(environment.keySet(), properties.stringPropertyNames());
        BiFunction<SettingKey, BiFunction<String, String, Object>, Object> read = (key, parse) -> {
            String fromProperty = properties.getProperty(key.systemProperty());
            if (fromProperty != null) {
                return parse.apply(fromProperty.trim(), key.systemProperty());
            }
            String fromEnvironment = environment.get(key.environmentVariable());
            return fromEnvironment == null ? null : parse.apply(fromEnvironment.trim(), key.environmentVariable());
        };
        Builder b = builder();
        String home = properties.getProperty(HOME_SYSTEM_PROPERTY, environment.get(HOME_ENVIRONMENT_VARIABLE));
        if (home != null && !home.isBlank()) {
            b.home(Path.of(home));
        }
        BiFunction<String, String, Object> text = (value, source) -> value;
        ifSet(read, SettingKey.URL, text, v -> b.url((String) v));
        ifSet(read, SettingKey.READ_URL, text, v -> b.readUrl((String) v));
        ifSet(read, SettingKey.USER, text, v -> b.user((String) v));
        ifSet(read, SettingKey.PASSWORD, text, v -> b.password((String) v));
        ifSet(read, SettingKey.TIMEOUT, SettingKey.TIMEOUT::seconds, v -> b.timeout((Duration) v));
        ifSet(read, SettingKey.CONNECTION_TIMEOUT, SettingKey.CONNECTION_TIMEOUT::seconds, v -> b.connectionTimeout((Duration) v));
        ifSet(read, SettingKey.POOL_SIZE, SettingKey.POOL_SIZE::count, v -> b.poolSize((Integer) v));
        ifSet(read, SettingKey.MAX_OVERFLOW, SettingKey.MAX_OVERFLOW::count, v -> b.maxOverflow((Integer) v));
        ifSet(read, SettingKey.POOL_RECYCLE, SettingKey.POOL_RECYCLE::seconds, v -> b.poolRecycle((Duration) v));
        ifSet(read, SettingKey.POOL_TIMEOUT, SettingKey.POOL_TIMEOUT::seconds, v -> b.poolTimeout((Duration) v));
        ifSet(read, SettingKey.APPLICATION_NAME, text, v -> b.applicationName((String) v));
        ifSet(read, SettingKey.ECHO, SettingKey.ECHO::bool, v -> b.echo((Boolean) v));
        ifSet(read, SettingKey.MIGRATE_ON_START, SettingKey.MIGRATE_ON_START::bool, v -> b.migrateOnStart((Boolean) v));
        ifSet(read, SettingKey.MIGRATION_TIMEOUT, SettingKey.MIGRATION_TIMEOUT::seconds, v -> b.migrationTimeout((Duration) v));
        ifSet(read, SettingKey.LEAK_TIMEOUT, SettingKey.LEAK_TIMEOUT::seconds, v -> b.leakTimeout((Duration) v));
        ifSet(read, SettingKey.READ_ONLY, SettingKey.READ_ONLY::bool, v -> b.readOnly((Boolean) v));
        ifSet(read, SettingKey.ALLOW_SYMLINKS, SettingKey.ALLOW_SYMLINKS::bool, v -> b.allowSymlinks((Boolean) v));
        ifSet(read, SettingKey.LOCK_TIMEOUT, SettingKey.LOCK_TIMEOUT::seconds, v -> b.lockTimeout((Duration) v));
        ifSet(read, SettingKey.DRIVER, text, v -> b.driver((String) v));
        ifSet(read, SettingKey.HOST, text, v -> b.host((String) v));
        ifSet(read, SettingKey.PORT, SettingKey.PORT::count, v -> b.port((Integer) v));
        ifSet(read, SettingKey.NAME, text, v -> b.name((String) v));
        ifSet(read, SettingKey.TLS_ENABLED, SettingKey.TLS_ENABLED::bool, v -> b.tlsEnabled((Boolean) v));
        ifSet(read, SettingKey.TLS_CA_FILE, SettingKey.TLS_CA_FILE::path, v -> b.tlsCaFile((Path) v));
        ifSet(read, SettingKey.TLS_CERT_FILE, SettingKey.TLS_CERT_FILE::path, v -> b.tlsCertFile((Path) v));
        ifSet(read, SettingKey.TLS_KEY_FILE, SettingKey.TLS_KEY_FILE::path, v -> b.tlsKeyFile((Path) v));
        ifSet(read, SettingKey.TLS_CHECK_HOSTNAME, SettingKey.TLS_CHECK_HOSTNAME::bool, v -> b.tlsCheckHostname((Boolean) v));
        ifSet(read, SettingKey.SEARCH_PATH, text, v -> b.searchPath((String) v));
        ifSet(read, SettingKey.RETENTION_ENABLED, SettingKey.RETENTION_ENABLED::retentionKinds,
                v -> b.retentionEnabled(castKinds(v)));
        ifSet(read, SettingKey.RETENTION_PERIOD, SettingKey.RETENTION_PERIOD::duration, v -> b.retentionPeriod((Duration) v));
        ifSet(read, SettingKey.RETENTION_BATCH_SIZE, SettingKey.RETENTION_BATCH_SIZE::count,
                v -> b.retentionBatchSize((Integer) v));
        ifSet(read, SettingKey.EVENTS_RETENTION_PERIOD, SettingKey.EVENTS_RETENTION_PERIOD::duration,
                v -> b.eventsRetentionPeriod((Duration) v));
        ifSet(read, SettingKey.EVENT_RETENTION_OVERRIDES, SettingKey.EVENT_RETENTION_OVERRIDES::durations,
                v -> b.eventRetentionOverrides(castDurations(v)));
        ifSet(read, SettingKey.MIGRATION_URL, text, v -> b.migrationUrl((String) v));
        ifSet(read, SettingKey.TRANSACTION_POOLER, SettingKey.TRANSACTION_POOLER::bool, v -> b.transactionPooler((Boolean) v));
        ifSet(read, SettingKey.STATEMENT_CACHE_SIZE, SettingKey.STATEMENT_CACHE_SIZE::count,
                v -> b.statementCacheSize((Integer) v));
        ifSet(read, SettingKey.PREPARED_STATEMENT_CACHE_SIZE, SettingKey.PREPARED_STATEMENT_CACHE_SIZE::count,
                v -> b.preparedStatementCacheSize((Integer) v));
        return b.build();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.url = urlFromParts ? null : url;
        b.home = home;
        b.driver = driver;
        b.host = host;
        b.port = port;
        b.name = name;
        b.tlsEnabled = tlsEnabled;
        b.tlsCaFile = tlsCaFile;
        b.tlsCertFile = tlsCertFile;
        b.tlsKeyFile = tlsKeyFile;
        b.tlsCheckHostname = tlsCheckHostname;
        b.searchPath = searchPath;
        b.readUrl = readUrl;
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
        b.retentionEnabled = retentionEnabled;
        b.retentionPeriod = retentionPeriod;
        b.retentionBatchSize = retentionBatchSize;
        b.eventsRetentionPeriod = eventsRetentionPeriod;
        b.eventRetentionOverrides = new LinkedHashMap<>(eventRetentionOverrides);
        b.migrationUrl = migrationUrl;
        b.transactionPooler = transactionPooler;
        b.statementCacheSize = statementCacheSize;
        b.preparedStatementCacheSize = preparedStatementCacheSize;
        return b;
    }

    public String url() {
        return url;
    }

    /** The URL with any credentials replaced by {@code ***}: safe to log. */
    public String redactedUrl() {
        return Redaction.url(url);
    }

    /**
     * The read replica's URL ({@link SettingKey#READ_URL}): where {@link DatabaseInterface#inReadOnlyTransaction}
     * runs, with the same user, password and pool settings as {@link #url()}; empty = {@link #url()}.
     */
    public Optional<String> readUrl() {
        return Optional.ofNullable(readUrl);
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

    /**
     * The {@code driver} setting: with no {@code url}, the dialect whose URL {@link #host()}, {@link #port()}
     * and {@link #name()} build (a dialect's id, e.g. {@code postgresql}, or the reference's name, e.g.
     * {@code postgresql+asyncpg}).
     */
    public Optional<String> driver() {
        return Optional.ofNullable(driver);
    }

    /** The {@code host} setting (used only to build the URL when no {@code url} is set). */
    public Optional<String> host() {
        return Optional.ofNullable(host);
    }

    /** The {@code port} setting (used only to build the URL when no {@code url} is set). */
    public Optional<Integer> port() {
        return Optional.ofNullable(port);
    }

    /** The {@code name} setting: the database, or for SQLite the file (used only when no {@code url} is set). */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /** Whether {@link #url()} was built from driver, host, port and name (no {@code url} set). */
    public boolean urlFromParts() {
        return urlFromParts;
    }

    /** Stratum's home folder, where the default SQLite database lives ({@link #defaultHome()} unless set). */
    public Path home() {
        return home;
    }

    /**
     * The {@code tls_enabled} setting: connect over TLS (1.2 or newer) and verify the server's certificate
     * against {@link #tlsCaFile()} (or the JVM's trusted CAs), and its host name unless {@link
     * #tlsCheckHostname()} is off. Only a dialect of a server database applies it; others refuse it at open.
     */
    public boolean tlsEnabled() {
        return tlsEnabled;
    }

    /** PEM file of the CA certificates the server's certificate must chain to ({@code tls_ca_file}). */
    public Optional<Path> tlsCaFile() {
        return Optional.ofNullable(tlsCaFile);
    }

    /** PEM file of the client certificate chain for certificate authentication ({@code tls_cert_file}). */
    public Optional<Path> tlsCertFile() {
        return Optional.ofNullable(tlsCertFile);
    }

    /** PEM file of the client certificate's private key ({@code tls_key_file}); read in memory only. */
    public Optional<Path> tlsKeyFile() {
        return Optional.ofNullable(tlsKeyFile);
    }

    /** Whether the server's certificate must name the host connected to ({@code tls_check_hostname}, default true). */
    public boolean tlsCheckHostname() {
        return tlsCheckHostname;
    }

    /** The {@code search_path} every connection uses (PostgreSQL), migrations included. */
    public Optional<String> searchPath() {
        return Optional.ofNullable(searchPath);
    }

    /**
     * What a clean from these settings deletes ({@link SettingKey#RETENTION_ENABLED}; default events only,
     * as the reference: deleting runs is permanent).
     */
    public Set<RetentionKind> retentionEnabled() {
        return retentionEnabled;
    }

    /** Age past which a terminal top-level flow run (by {@code end_time}) is deleted ({@link SettingKey#RETENTION_PERIOD}). */
    public Duration retentionPeriod() {
        return retentionPeriod;
    }

    /** Rows per batch of a clean, each batch its own transaction ({@link SettingKey#RETENTION_BATCH_SIZE}). */
    public int retentionBatchSize() {
        return retentionBatchSize;
    }

    /** Age past which events and their resources are deleted ({@link SettingKey#EVENTS_RETENTION_PERIOD}). */
    public Duration eventsRetentionPeriod() {
        return eventsRetentionPeriod;
    }

    /** Shorter retention per event type ({@link SettingKey#EVENT_RETENTION_OVERRIDES}); none longer than the events retention. */
    public Map<String, Duration> eventRetentionOverrides() {
        return eventRetentionOverrides;
    }

    /**
     * The URL migrations and their lock connect to ({@link SettingKey#MIGRATION_URL}): upgrade, downgrade,
     * stamp, reset and {@code migrate_on_start}. Unset, {@link #url()}. Behind a transaction-mode pooler it
     * names the server itself: a migration needs one session for its lock and its revisions.
     */
    public String migrationUrl() {
        return migrationUrl != null ? migrationUrl : url;
    }

    /** Whether {@link SettingKey#MIGRATION_URL} is set (else migrations use {@link #url()}). */
    public boolean migrationUrlSet() {
        return migrationUrl != null;
    }

    /**
     * Whether {@link #url()} leads through a transaction-mode pooler such as PgBouncer with {@code
     * pool_mode = transaction} ({@link SettingKey#TRANSACTION_POOLER}): consecutive transactions of one
     * connection may run on different server sessions, so nothing is set per session. PostgreSQL then
     * sends no {@code options} startup parameter and sets {@code statement_timeout} and {@code jit} with
     * {@code SET LOCAL} at the start of every transaction; migrations are refused through {@link #url()}
     * and run through {@link #migrationUrl()} instead.
     */
    public boolean transactionPooler() {
        return transactionPooler;
    }

    /**
     * How many statements the driver keeps per connection ({@link SettingKey#STATEMENT_CACHE_SIZE}; pgjdbc
     * {@code preparedStatementCacheQueries}); 0 means no server-side prepared statements at all (pgjdbc
     * {@code prepareThreshold=0}), as PgBouncer in transaction mode needs. Unset: 0 with {@link
     * #transactionPooler()}, else empty (the driver's default).
     */
    public OptionalInt statementCacheSize() {
        if (statementCacheSize != null) {
            return OptionalInt.of(statementCacheSize);
        }
        return transactionPooler ? OptionalInt.of(0) : OptionalInt.empty();
    }

    /**
     * MiB of statements the driver caches per connection ({@link SettingKey#PREPARED_STATEMENT_CACHE_SIZE};
     * pgjdbc {@code preparedStatementCacheSizeMiB}); 0 means no server-side prepared statements. Empty:
     * the driver's default.
     */
    public OptionalInt preparedStatementCacheSize() {
        return preparedStatementCacheSize == null ? OptionalInt.empty() : OptionalInt.of(preparedStatementCacheSize);
    }

    /**
     * The settings the migration connections are made from: {@link #migrationUrl()} as the URL, and — as
     * that URL bypasses any pooler — without {@link #transactionPooler()}.
     */
    public DatabaseSettings forMigrations() {
        if (migrationUrl == null) {
            return this;
        }
        Builder b = toBuilder();
        b.url = migrationUrl;
        b.migrationUrl = null;
        b.transactionPooler = false;
        return b.build();
    }

    /** Names of the settings whose values differ between the two (the password compared, never shown). */
    public List<String> differences(DatabaseSettings other) {
        List<String> names = new ArrayList<>();
        diff(names, SettingKey.URL, url, other.url);
        diff(names, SettingKey.READ_URL, readUrl, other.readUrl);
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
        diff(names, SettingKey.DRIVER, driver, other.driver);
        diff(names, SettingKey.HOST, host, other.host);
        diff(names, SettingKey.PORT, port, other.port);
        diff(names, SettingKey.NAME, name, other.name);
        diff(names, SettingKey.TLS_ENABLED, tlsEnabled, other.tlsEnabled);
        diff(names, SettingKey.TLS_CA_FILE, tlsCaFile, other.tlsCaFile);
        diff(names, SettingKey.TLS_CERT_FILE, tlsCertFile, other.tlsCertFile);
        diff(names, SettingKey.TLS_KEY_FILE, tlsKeyFile, other.tlsKeyFile);
        diff(names, SettingKey.TLS_CHECK_HOSTNAME, tlsCheckHostname, other.tlsCheckHostname);
        diff(names, SettingKey.SEARCH_PATH, searchPath, other.searchPath);
        diff(names, SettingKey.RETENTION_ENABLED, retentionEnabled, other.retentionEnabled);
        diff(names, SettingKey.RETENTION_PERIOD, retentionPeriod, other.retentionPeriod);
        diff(names, SettingKey.RETENTION_BATCH_SIZE, retentionBatchSize, other.retentionBatchSize);
        diff(names, SettingKey.EVENTS_RETENTION_PERIOD, eventsRetentionPeriod, other.eventsRetentionPeriod);
        diff(names, SettingKey.EVENT_RETENTION_OVERRIDES, eventRetentionOverrides, other.eventRetentionOverrides);
        diff(names, SettingKey.MIGRATION_URL, migrationUrl, other.migrationUrl);
        diff(names, SettingKey.TRANSACTION_POOLER, transactionPooler, other.transactionPooler);
        diff(names, SettingKey.STATEMENT_CACHE_SIZE, statementCacheSize, other.statementCacheSize);
        diff(names, SettingKey.PREPARED_STATEMENT_CACHE_SIZE, preparedStatementCacheSize, other.preparedStatementCacheSize);
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
                + (readUrl == null ? "" : ", readUrl=" + Redaction.url(readUrl))
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
                + ", lockTimeout=" + lockTimeout
                + (urlFromParts ? ", driver=" + driver + ", host=" + host + ", port=" + port + ", name=" + name : "")
                + ", tlsEnabled=" + tlsEnabled
                + (tlsEnabled ? ", tlsCaFile=" + tlsCaFile + ", tlsCertFile=" + tlsCertFile + ", tlsKeyFile=" + tlsKeyFile
                        + ", tlsCheckHostname=" + tlsCheckHostname : "")
                + (searchPath != null ? ", searchPath=" + searchPath : "")
                + ", retentionEnabled=" + retentionEnabled
                + ", retentionPeriod=" + retentionPeriod
                + ", retentionBatchSize=" + retentionBatchSize
                + ", eventsRetentionPeriod=" + eventsRetentionPeriod
                + ", eventRetentionOverrides=" + eventRetentionOverrides
                + ", migrationUrl=" + (migrationUrl == null ? "<url>" : Redaction.url(migrationUrl))
                + ", transactionPooler=" + transactionPooler
                + ", statementCacheSize=" + statementCacheSize
                + ", preparedStatementCacheSize=" + preparedStatementCacheSize + "}";
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

    private static void ifSet(BiFunction<SettingKey, BiFunction<String, String, Object>, Object> read, SettingKey key,
                              BiFunction<String, String, Object> parse, Consumer<Object> apply) {
        Object value = read.apply(key, parse);
        if (value != null) {
            apply.accept(value);
        }
    }

    @SuppressWarnings("unchecked")
    private static Set<RetentionKind> castKinds(Object value) {
        return (Set<RetentionKind>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Duration> castDurations(Object value) {
        return (Map<String, Duration>) value;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /** Mutable, not thread-safe; {@link #build()} validates and fails with a {@link ConfigurationException}. */
    public static final class Builder {
        private Path home;
        private String url;
        private String readUrl;
        private String user;
        private String password;
        private Duration timeout = SettingKey.TIMEOUT.defaultDuration();
        private Duration connectionTimeout = SettingKey.CONNECTION_TIMEOUT.defaultDuration();
        private int poolSize = SettingKey.POOL_SIZE.defaultCount();
        private int maxOverflow = SettingKey.MAX_OVERFLOW.defaultCount();
        private Duration poolRecycle = SettingKey.POOL_RECYCLE.defaultDuration();
        private Duration poolTimeout = SettingKey.POOL_TIMEOUT.defaultDuration();
        private String applicationName = SettingKey.APPLICATION_NAME.defaultValue();
        private boolean echo = SettingKey.ECHO.defaultBoolean();
        private boolean migrateOnStart = SettingKey.MIGRATE_ON_START.defaultBoolean();
        private Duration migrationTimeout = SettingKey.MIGRATION_TIMEOUT.defaultDuration();
        private Duration leakTimeout = SettingKey.LEAK_TIMEOUT.defaultDuration();
        private boolean readOnly = SettingKey.READ_ONLY.defaultBoolean();
        private boolean allowSymlinks = SettingKey.ALLOW_SYMLINKS.defaultBoolean();
        private Duration lockTimeout = SettingKey.LOCK_TIMEOUT.defaultDuration();
        private String driver;
        private String host;
        private Integer port;
        private String name;
        private boolean tlsEnabled = SettingKey.TLS_ENABLED.defaultBoolean();
        private Path tlsCaFile;
        private Path tlsCertFile;
        private Path tlsKeyFile;
        private boolean tlsCheckHostname = SettingKey.TLS_CHECK_HOSTNAME.defaultBoolean();
        private String searchPath;
        private Set<RetentionKind> retentionEnabled = SettingKey.RETENTION_ENABLED.retentionKinds(
                SettingKey.RETENTION_ENABLED.defaultValue(), SettingKey.RETENTION_ENABLED.settingName());
        private Duration retentionPeriod = SettingKey.RETENTION_PERIOD.defaultRetentionDuration();
        private int retentionBatchSize = SettingKey.RETENTION_BATCH_SIZE.defaultCount();
        private Duration eventsRetentionPeriod = SettingKey.EVENTS_RETENTION_PERIOD.defaultRetentionDuration();
        private Map<String, Duration> eventRetentionOverrides = new LinkedHashMap<>();
        private String migrationUrl;
        private boolean transactionPooler = SettingKey.TRANSACTION_POOLER.defaultBoolean();
        private Integer statementCacheSize;
        private Integer preparedStatementCacheSize;

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

        /** A read replica for read-only sessions; {@code null} or blank = none (they read from {@link #url}). */
        public Builder readUrl(String readUrl) {
            this.readUrl = readUrl;
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

        /** See {@link DatabaseSettings#driver()}; with no url set, driver, host, port and name build it. */
        public Builder driver(String driver) {
            this.driver = driver;
            return this;
        }

        /** See {@link DatabaseSettings#host()}. */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** See {@link DatabaseSettings#port()}; {@code null} unsets it. */
        public Builder port(Integer port) {
            this.port = port;
            return this;
        }

        /** See {@link DatabaseSettings#name()}. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** See {@link DatabaseSettings#tlsEnabled()}. */
        public Builder tlsEnabled(boolean tlsEnabled) {
            this.tlsEnabled = tlsEnabled;
            return this;
        }

        /** See {@link DatabaseSettings#tlsCaFile()}. */
        public Builder tlsCaFile(Path tlsCaFile) {
            this.tlsCaFile = tlsCaFile;
            return this;
        }

        /** See {@link DatabaseSettings#tlsCertFile()}. */
        public Builder tlsCertFile(Path tlsCertFile) {
            this.tlsCertFile = tlsCertFile;
            return this;
        }

        /** See {@link DatabaseSettings#tlsKeyFile()}. */
        public Builder tlsKeyFile(Path tlsKeyFile) {
            this.tlsKeyFile = tlsKeyFile;
            return this;
        }

        /** See {@link DatabaseSettings#tlsCheckHostname()}. */
        public Builder tlsCheckHostname(boolean tlsCheckHostname) {
            this.tlsCheckHostname = tlsCheckHostname;
            return this;
        }

        /** See {@link DatabaseSettings#searchPath()}. */
        public Builder searchPath(String searchPath) {
            this.searchPath = searchPath;
            return this;
        }

        /** See {@link DatabaseSettings#retentionEnabled()}; an empty set enables nothing. */
        public Builder retentionEnabled(Set<RetentionKind> retentionEnabled) {
            this.retentionEnabled = retentionEnabled == null ? Set.of() : Set.copyOf(retentionEnabled);
            return this;
        }

        /** See {@link DatabaseSettings#retentionPeriod()}. */
        public Builder retentionPeriod(Duration retentionPeriod) {
            this.retentionPeriod = retentionPeriod;
            return this;
        }

        /** See {@link DatabaseSettings#retentionBatchSize()}. */
        public Builder retentionBatchSize(int retentionBatchSize) {
            this.retentionBatchSize = retentionBatchSize;
            return this;
        }

        /** See {@link DatabaseSettings#eventsRetentionPeriod()}. */
        public Builder eventsRetentionPeriod(Duration eventsRetentionPeriod) {
            this.eventsRetentionPeriod = eventsRetentionPeriod;
            return this;
        }

        /** See {@link DatabaseSettings#eventRetentionOverrides()}; replaces the overrides set before. */
        public Builder eventRetentionOverrides(Map<String, Duration> eventRetentionOverrides) {
            this.eventRetentionOverrides = new LinkedHashMap<>(eventRetentionOverrides);
            return this;
        }

        /** See {@link DatabaseSettings#migrationUrl()}; {@code null} or blank: migrations use the url. */
        public Builder migrationUrl(String migrationUrl) {
            this.migrationUrl = migrationUrl;
            return this;
        }

        /** See {@link DatabaseSettings#transactionPooler()}. */
        public Builder transactionPooler(boolean transactionPooler) {
            this.transactionPooler = transactionPooler;
            return this;
        }

        /** See {@link DatabaseSettings#statementCacheSize()}; {@code null}: the default. */
        public Builder statementCacheSize(Integer statementCacheSize) {
            this.statementCacheSize = statementCacheSize;
            return this;
        }

        /** See {@link DatabaseSettings#preparedStatementCacheSize()}; {@code null}: the driver's default. */
        public Builder preparedStatementCacheSize(Integer preparedStatementCacheSize) {
            this.preparedStatementCacheSize = preparedStatementCacheSize;
            return this;
        }

        public DatabaseSettings build() {
            return new DatabaseSettings(this);
        }
    }
}
