package io.stratum.api;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;

/**
 * Every setting Stratum reads, with its environment variable, system property, default, unit, allowed
 * range and meaning: written here once; the builder's defaults, the parsing of variables and
 * properties, the CLI's help and the settings tables of the READMEs (checked by a test) derive from it.
 * A system property wins over the environment variable; a builder value wins over both.
 */
@Api(Api.Status.STABLE)
public enum SettingKey {
    URL("url", Kind.TEXT, "jdbc:sqlite:$STRATUM_HOME/stratum.db", 0, 0, false,
            "JDBC URL: jdbc:sqlite:<file> or jdbc:postgresql://host:port/db"),
    READ_URL("read_url", Kind.TEXT, null, 0, 0, false,
            "JDBC URL of a read replica for read-only sessions (inReadOnlyTransaction), same user and password; "
                    + "unset = url (PostgreSQL only)"),
    USER("user", Kind.TEXT, null, 0, 0, false, "database user (PostgreSQL)"),
    PASSWORD("password", Kind.TEXT, null, 0, 0, false, "database password; never logged or printed"),
    TIMEOUT("timeout", Kind.SECONDS, "10", 0, Limits.MAX_SECONDS, false,
            "statement timeout on PostgreSQL, busy wait for the write lock on SQLite"),
    CONNECTION_TIMEOUT("connection_timeout", Kind.SECONDS, "5", 0, Limits.MAX_SECONDS, false,
            "wait for a new connection to open"),
    POOL_SIZE("pool_size", Kind.COUNT, "5", 1, Limits.MAX_CONNECTIONS, true, "connections kept open when idle"),
    MAX_OVERFLOW("max_overflow", Kind.COUNT, "10", 0, Limits.MAX_CONNECTIONS, true,
            "extra connections opened under load beyond pool_size"),
    POOL_RECYCLE("pool_recycle", Kind.SECONDS, "3600", 0, Limits.MAX_SECONDS, true,
            "age at which a connection is replaced; 0 = never"),
    POOL_TIMEOUT("pool_timeout", Kind.SECONDS, "30", 0, Limits.MAX_SECONDS, false,
            "wait for a free pooled connection"),
    APPLICATION_NAME("application_name", Kind.TEXT, "stratum", 0, 0, false, "application_name reported to PostgreSQL"),
    ECHO("echo", Kind.BOOLEAN, "false", 0, 0, false,
            "log every SQL statement at INFO (logger org.eclipse.persistence.sql; bind values never)"),
    MIGRATE_ON_START("migrate_on_start", Kind.BOOLEAN, "true", 0, 0, false,
            "upgrade to the newest revision when the interface opens"),
    MIGRATION_TIMEOUT("migration_timeout", Kind.SECONDS, null, 0, Limits.MAX_SECONDS, false,
            "statement timeout for migrations on PostgreSQL; unset = none"),
    LEAK_TIMEOUT("leak_timeout", Kind.SECONDS, "0", 0, Limits.MAX_SECONDS, true,
            "a session holding a pooled connection longer is logged as leaked (WARNING, logger "
                    + "io.stratum.api.internal.Pools); 0 = off"),
    READ_ONLY("read_only", Kind.BOOLEAN, "false", 0, 0, false,
            "open for inspection: migrate_on_start not run; SQLite: nothing created or written, the file opened read-only"),
    ALLOW_SYMLINKS("allow_symlinks", Kind.BOOLEAN, "false", 0, 0, false,
            "allow the SQLite database file and the home folder to be symbolic links"),
    LOCK_TIMEOUT("lock_timeout", Kind.SECONDS, "300", 0, Limits.MAX_SECONDS, false,
            "wait for the migration lock held by another process before a migration fails"),
    DRIVER("driver", Kind.TEXT, null, 0, 0, false,
            "with no url: the dialect whose URL host, port and name build (postgresql or postgresql+asyncpg, sqlite or "
                    + "sqlite+aiosqlite); a url set wins over all four"),
    HOST("host", Kind.TEXT, null, 0, 0, false, "with no url: the database server's host (required by postgresql)"),
    PORT("port", Kind.NUMBER, null, 1, 65_535, true, "with no url: the database server's port (postgresql: 5432 when unset)"),
    NAME("name", Kind.TEXT, null, 0, 0, false,
            "with no url: the database (required by postgresql); for sqlite the file (unset: the default file)"),
    TLS_ENABLED("tls_enabled", Kind.BOOLEAN, "false", 0, 0, false,
            "connect over TLS 1.2 or newer, verifying the server's certificate (PostgreSQL sslmode verify-full, "
                    + "verify-ca with tls_check_hostname off)"),
    TLS_CA_FILE("tls_ca_file", Kind.TEXT, null, 0, 0, false,
            "PEM file of the CA certificates the server's certificate must chain to; unset = the JVM's trusted CAs"),
    TLS_CERT_FILE("tls_cert_file", Kind.TEXT, null, 0, 0, false,
            "PEM file of the client certificate (chain) for certificate authentication; needs tls_key_file"),
    TLS_KEY_FILE("tls_key_file", Kind.TEXT, null, 0, 0, false,
            "PEM file of the client certificate's private key (PKCS#8, or PKCS#1/SEC1, converted in memory); unencrypted"),
    TLS_CHECK_HOSTNAME("tls_check_hostname", Kind.BOOLEAN, "true", 0, 0, false,
            "with tls_enabled: the server's certificate must name the host connected to"),
    SEARCH_PATH("search_path", Kind.TEXT, null, 0, 0, false,
            "PostgreSQL search_path of every connection, migrations included (the first schema holds the tables); "
                    + "keep public in it for pg_trgm"),
    RETENTION_ENABLED("retention_enabled", Kind.NAMES, "events", 0, 0, true,
            "what a clean from these settings deletes: flow_runs (old terminal runs and their history; "
                    + "permanent), events; the reference's db_vacuum.enabled"),
    RETENTION_PERIOD("retention_period", Kind.DURATION, "90d", 3_600, Limits.MAX_RETENTION_SECONDS, true,
            "age past which a terminal flow run (by end_time) is deleted; the reference's db_vacuum.retention_period"),
    RETENTION_BATCH_SIZE("retention_batch_size", Kind.ROWS, "200", 1, Limits.MAX_BATCH_ROWS, true,
            "rows deleted per batch, each batch its own transaction; the reference's db_vacuum.batch_size"),
    EVENTS_RETENTION_PERIOD("events_retention_period", Kind.DURATION, "7d", 3_600, Limits.MAX_RETENTION_SECONDS,
            true, "age past which an event (by occurred) and its resources are deleted; the reference's "
                    + "events.retention_period"),
    EVENT_RETENTION_OVERRIDES("event_retention_overrides", Kind.DURATIONS, null, 3_600, Limits.MAX_RETENTION_SECONDS,
            true, "shorter retention for some event types, e.g. prefect.flow-run.heartbeat=1d; never longer "
                    + "than events_retention_period; the reference's db_vacuum.event_retention_overrides"),
    MIGRATION_URL("migration_url", Kind.TEXT, null, 0, 0, false,
            "JDBC URL migrations and their lock use (upgrade, downgrade, stamp, reset, migrate_on_start); unset = url. "
                    + "Behind a transaction pooler: the server itself, bypassing the pooler"),
    TRANSACTION_POOLER("transaction_pooler", Kind.BOOLEAN, "false", 0, 0, false,
            "url leads through a transaction-mode pooler (PgBouncer pool_mode = transaction): no startup options; "
                    + "statement_timeout and jit=off set per transaction (SET LOCAL); statement_cache_size defaults to 0; "
                    + "migrations refused there (set migration_url)"),
    STATEMENT_CACHE_SIZE("statement_cache_size", Kind.NUMBER, null, 0, Limits.MAX_CACHE, true,
            "statements the PostgreSQL driver keeps per connection (pgjdbc preparedStatementCacheQueries, driver default "
                    + "256; 0 with transaction_pooler); 0 = no server-side prepared statements (prepareThreshold=0)"),
    PREPARED_STATEMENT_CACHE_SIZE("prepared_statement_cache_size", Kind.NUMBER, null, 0, Limits.MAX_CACHE, true,
            "MiB of statements the PostgreSQL driver caches per connection (pgjdbc preparedStatementCacheSizeMiB, "
                    + "driver default 5); 0 = no server-side prepared statements (prepareThreshold=0)");

    /** What a setting's value is. */
    public enum Kind {
        /** Free text. */
        TEXT(""),
        /** A duration in seconds, fractions allowed ({@code 2.5}). */
        SECONDS("seconds"),
        /** A whole number of connections. */
        COUNT("connections"),
        /** A whole number without a unit (a port, cache sizes). */
        NUMBER(""),
        /** {@code true}/{@code false} (also {@code 1/0}, {@code yes/no}, {@code on/off}). */
        BOOLEAN(""),
        /** A duration of hours or days: {@code 90d}, {@code 36h}, {@code 30m}, {@code 45s}, or ISO-8601 {@code P90D}, {@code PT36H}. */
        DURATION(""),
        /** A whole number of rows. */
        ROWS("rows"),
        /** Names separated by commas, from a fixed set; empty for none. */
        NAMES(""),
        /** {@code name=duration} pairs separated by commas, each duration as {@link #DURATION}. */
        DURATIONS("");

        private final String unit;

        Kind(String unit) {
            this.unit = unit;
        }
    }

    private static final class Limits {
        /**
         * The longest duration: {@code Integer.MAX_VALUE} milliseconds (about 24.8 days), PostgreSQL's
         * limit for {@code statement_timeout} and the driver's for its timeouts.
         */
        static final long MAX_SECONDS = Integer.MAX_VALUE / 1000;
        /** Far beyond any database's connection limit; a larger value is a typo. */
        static final long MAX_CONNECTIONS = 10_000;
        /** A hundred years: longer than any history is kept, short of any overflow. */
        static final long MAX_RETENTION_SECONDS = 36_500L * 86_400;
        /** Rows per batch: beyond this a batch is no longer short (and exceeds bind-parameter limits). */
        static final long MAX_BATCH_ROWS = 10_000;
        /** Statements (or MiB) a driver caches per connection; beyond this, a typo. */
        static final long MAX_CACHE = 100_000;
    }

    private final String name;
    private final Kind kind;
    private final String defaultValue;
    private final long minimum;
    private final long maximum;
    private final boolean minimumIncluded;
    private final String description;

    SettingKey(String name, Kind kind, String defaultValue, long minimum, long maximum, boolean minimumIncluded,
               String description) {
        this.name = name;
        this.kind = kind;
        this.defaultValue = defaultValue;
        this.minimum = minimum;
        this.maximum = maximum;
        this.minimumIncluded = minimumIncluded;
        this.description = description;
    }

    /** The setting's name: {@code pool_size}. */
    public String settingName() {
        return name;
    }

    /** {@code STRATUM_DATABASE_<NAME>}. */
    public String environmentVariable() {
        return "STRATUM_DATABASE_" + name.toUpperCase(Locale.ROOT);
    }

    /** {@code stratum.database.<name>}. */
    public String systemProperty() {
        return "stratum.database." + name;
    }

    /** What the setting means, one line. */
    public String description() {
        return description;
    }

    public Kind kind() {
        return kind;
    }

    /** {@code seconds}, {@code connections}, or empty when the value has no unit. */
    public String unit() {
        return kind.unit;
    }

    /** The default as documented; {@code null} when unset by default. */
    public String defaultValue() {
        return defaultValue;
    }

    /** The default with its unit, or {@code unset}: {@code 10 s}, {@code 5}, {@code false}. */
    public String documentedDefault() {
        if (defaultValue == null) {
            return "unset";
        }
        return kind == Kind.SECONDS ? defaultValue + " s" : defaultValue;
    }

    /** The values allowed, in words: {@code a number of seconds, more than 0 and at most 2147483}; empty for text. */
    public String allowed() {
        switch (kind) {
            case SECONDS:
                return "a number of seconds, " + (minimumIncluded ? "from " + minimum : "more than " + minimum)
                        + " to " + maximum + " (about " + maximum / 86_400 + " days)";
            case COUNT:
            case NUMBER:
            case ROWS:
                return "a whole number from " + minimum + " to " + maximum;
            case BOOLEAN:
                return "true or false";
            case DURATION:
                return "a duration such as 90d, 36h or P90D, from " + minimum / 3_600 + "h to " + maximum / 86_400 + "d";
            case DURATIONS:
                return "event-type=duration pairs separated by commas (durations as 90d, 36h or P90D, from "
                        + minimum / 3_600 + "h)";
            case NAMES:
                return "names separated by commas, from " + String.join(", ", RetentionKind.settingNames())
                        + "; empty for none";
            default:
                return "";
        }
    }

    /** Every setting's variable is {@code STRATUM_DATABASE_*}: the prefix unknown variables are recognised by. */
    public static final String ENVIRONMENT_PREFIX = "STRATUM_DATABASE_";
    /** Every setting's system property is {@code stratum.database.*}. */
    public static final String PROPERTY_PREFIX = "stratum.database.";

    /** The key whose variable or property this is, or {@code null}. */
    static SettingKey byVariableOrProperty(String name) {
        for (SettingKey key : values()) {
            if (key.environmentVariable().equals(name) || key.systemProperty().equals(name)) {
                return key;
            }
        }
        return null;
    }

    // Parsing and range checks: the one place a value becomes a setting. `source` names where the value
    // came from (the variable, the property, or the builder method), so the error says what to fix.

    Duration seconds(String raw, String source) {
        BigDecimal seconds;
        try {
            seconds = new BigDecimal(raw.trim());
        } catch (NumberFormatException e) {
            throw invalid(source, raw, "is not a number of seconds", "Use a value such as 10 or 2.5.");
        }
        if (seconds.compareTo(BigDecimal.valueOf(maximum)) > 0 || seconds.compareTo(BigDecimal.valueOf(minimum)) < 0
                || !minimumIncluded && seconds.compareTo(BigDecimal.valueOf(minimum)) == 0) {
            throw invalid(source, raw, "is out of range", "");
        }
        Duration value = Duration.ofNanos(seconds.movePointRight(9).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
        return checked(value, source);
    }

    Duration checked(Duration value, String source) {
        if (value == null) {
            throw invalid(source, null, "is missing", "");
        }
        boolean below = minimumIncluded ? value.compareTo(Duration.ofSeconds(minimum)) < 0
                : value.compareTo(Duration.ofSeconds(minimum)) <= 0;
        if (below || value.compareTo(Duration.ofSeconds(maximum)) > 0) {
            throw invalid(source, kind == Kind.SECONDS ? format(value) : value.toString(), "is out of range", "");
        }
        return value;
    }

    /**
     * Parses a value of a {@link Kind#DURATION} setting ({@code 90d}, {@code 36h}, {@code 30m}, {@code 45s},
     * ISO-8601 {@code P90D}) and checks it against this setting's range; {@code source} names where the value
     * came from (an option such as {@code --older-than}) in the {@link ConfigurationException} a bad value gets.
     */
    public Duration parseDuration(String raw, String source) {
        if (kind != Kind.DURATION) {
            throw new IllegalStateException(name + " is not a duration setting");
        }
        return duration(raw, source);
    }

    /** A duration: {@code 90d}, {@code 36h}, {@code 30m}, {@code 45s} or ISO-8601 ({@code P90D}, {@code PT36H}). */
    Duration duration(String raw, String source) {
        String text = raw.trim();
        Duration value;
        try {
            if (text.regionMatches(true, 0, "P", 0, 1)) {
                value = Duration.parse(text.toUpperCase(Locale.ROOT));
            } else {
                java.util.regex.Matcher m = DURATION_FORM.matcher(text);
                if (!m.matches()) {
                    throw invalid(source, raw, "is not a duration", "");
                }
                long amount = Long.parseLong(m.group(1));
                switch (m.group(2).toLowerCase(Locale.ROOT)) {
                    case "d": value = Duration.ofDays(amount); break;
                    case "h": value = Duration.ofHours(amount); break;
                    case "m": value = Duration.ofMinutes(amount); break;
                    default: value = Duration.ofSeconds(amount); break;
                }
            }
        } catch (java.time.format.DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw invalid(source, raw, "is not a duration", "");
        }
        if (value.compareTo(Duration.ofSeconds(minimum)) < 0 || value.compareTo(Duration.ofSeconds(maximum)) > 0) {
            throw invalid(source, raw, "is out of range", "");
        }
        return value;
    }

    private static final java.util.regex.Pattern DURATION_FORM = java.util.regex.Pattern.compile("(\\d{1,12})\\s*([dhmsDHMS])");

    /** {@code name=duration, …}: each duration checked against this key's range. */
    java.util.Map<String, Duration> durations(String raw, String source) {
        java.util.Map<String, Duration> values = new java.util.LinkedHashMap<>();
        for (String pair : raw.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals <= 0 || pair.substring(0, equals).isBlank()) {
                throw invalid(source, raw, "is not a list of event-type=duration pairs",
                        "Use a value such as prefect.flow-run.heartbeat=1d.");
            }
            String name = pair.substring(0, equals).trim();
            if (values.put(name, duration(pair.substring(equals + 1), source)) != null) {
                throw invalid(source, raw, "names " + name + " twice", "");
            }
        }
        return values;
    }

    /** Retention kinds by name; unknown names are refused. */
    java.util.Set<RetentionKind> retentionKinds(String raw, String source) {
        java.util.Set<RetentionKind> kinds = java.util.EnumSet.noneOf(RetentionKind.class);
        for (String name : raw.split(",")) {
            if (name.isBlank()) {
                continue;
            }
            RetentionKind kind = RetentionKind.bySettingName(name.trim());
            if (kind == null) {
                throw invalid(source, raw, "names an unknown kind '" + name.trim() + "'", "");
            }
            kinds.add(kind);
        }
        return kinds;
    }

    Duration defaultRetentionDuration() {
        return defaultValue == null ? null : duration(defaultValue, name);
    }

    int count(String raw, String source) {
        long value;
        try {
            value = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw invalid(source, raw, "is not a whole number", "");
        }
        if (value < minimum || value > maximum) {
            throw invalid(source, raw, "is out of range", "");
        }
        return (int) value;
    }

    int checked(int value, String source) {
        if (value < minimum || value > maximum) {
            throw invalid(source, String.valueOf(value), "is out of range", "");
        }
        return value;
    }

    java.nio.file.Path path(String raw, String source) {
        if (raw.isEmpty()) {
            return null;
        }
        try {
            return java.nio.file.Path.of(raw);
        } catch (java.nio.file.InvalidPathException e) {
            throw invalid(source, raw.replace("\u0000", "\\0"), "is not a file path", "");
        }
    }

    boolean bool(String raw, String source) {
        switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "true": case "1": case "yes": case "on":
                return true;
            case "false": case "0": case "no": case "off":
                return false;
            default:
                throw invalid(source, raw, "is not a boolean", "");
        }
    }

    /** The default, typed (for the builder). */
    Duration defaultDuration() {
        return defaultValue == null ? null : seconds(defaultValue, name);
    }

    int defaultCount() {
        return count(defaultValue, name);
    }

    boolean defaultBoolean() {
        return bool(defaultValue, name);
    }

    private ConfigurationException invalid(String source, String raw, String problem, String advice) {
        if (source.startsWith("--")) {
            return new ConfigurationException("Option " + source + (raw == null ? "" : " '" + raw + "'") + " " + problem
                    + ": it takes " + allowed() + "." + (advice.isEmpty() ? "" : " " + advice));
        }
        String where = source.equals(environmentVariable()) ? source + " (environment variable)"
                : source.equals(systemProperty()) ? source + " (system property)"
                : name + " (" + source + ", or " + environmentVariable() + ")";
        return new ConfigurationException("Setting " + where + (raw == null ? "" : " = '" + raw + "'") + " " + problem
                + ": " + name + " takes " + allowed() + (description.isEmpty() ? "" : " (" + description + ")") + "."
                + (advice.isEmpty() ? "" : " " + advice));
    }

    private static String format(Duration value) {
        return BigDecimal.valueOf(value.getSeconds()).add(BigDecimal.valueOf(value.getNano(), 9)).stripTrailingZeros()
                .toPlainString() + " s";
    }
}
