package io.stratum.dialect.postgres.internal;

import io.stratum.api.ConfigurationException;
import io.stratum.api.DatabaseSettings;
import io.stratum.api.SettingKey;
import io.stratum.dialect.postgres.tls.TlsMaterial;
import io.stratum.dialect.postgres.tls.VerifyingSslFactory;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The reference's connection settings as the PostgreSQL driver takes them: the URL from driver, host,
 * port, name; TLS ({@code sslmode=verify-full}/{@code verify-ca} through {@link VerifyingSslFactory},
 * never {@code prefer}/{@code require}); {@code search_path} (the driver's {@code currentSchema}, sent at
 * connect as the session's {@code search_path}); and {@code default_transaction_isolation} taken out of
 * the URL's query and sent at connect as the session's setting (reference 2.1).
 */
final class PostgresConnectionSettings {
    /** The names of the {@code driver} setting for PostgreSQL: ours and the reference's. */
    static final Set<String> DRIVER_NAMES = Set.of("postgresql", "postgresql+asyncpg");
    static final int DEFAULT_PORT = 5432;
    static final String ISOLATION = "default_transaction_isolation";
    private static final Set<String> ISOLATION_LEVELS = Set.of("read uncommitted", "read committed", "repeatable read",
            "serializable");
    /** URL parameters that would replace what tls_enabled sets: the driver lets the URL win over properties. */
    private static final Set<String> TLS_PARAMETERS = Set.of("ssl", "sslmode", "sslfactory", "sslfactoryarg",
            "sslrootcert", "sslcert", "sslkey", "sslhostnameverifier", "sslnegotiation");
    /** The driver's name for search_path. */
    private static final String CURRENT_SCHEMA = "currentSchema";

    private PostgresConnectionSettings() {
    }

    /** {@code jdbc:postgresql://host:port/name}; host, user and name required (reference), port 5432 when unset. */
    static String urlFromParts(DatabaseSettings settings) {
        List<String> missing = new ArrayList<>();
        if (settings.host().isEmpty()) {
            missing.add(SettingKey.HOST.settingName() + " (" + SettingKey.HOST.environmentVariable() + ")");
        }
        if (settings.user().isEmpty()) {
            missing.add(SettingKey.USER.settingName() + " (" + SettingKey.USER.environmentVariable() + ")");
        }
        if (settings.name().isEmpty()) {
            missing.add(SettingKey.NAME.settingName() + " (" + SettingKey.NAME.environmentVariable() + ")");
        }
        if (!missing.isEmpty()) {
            throw new ConfigurationException("Missing required database connection settings: " + String.join(", ", missing)
                    + ". Driver " + settings.driver().orElse("postgresql") + " builds jdbc:postgresql://<host>:<port>/<name> "
                    + "from host, port (default " + DEFAULT_PORT + ") and name, and logs in as user; or set "
                    + SettingKey.URL.environmentVariable() + " instead.");
        }
        String host = settings.host().get();
        if (!host.matches("\\[[0-9A-Fa-f:.%\\w]+]|[\\p{Alnum}._-]+|[0-9A-Fa-f:.]+")) {
            throw new ConfigurationException("Setting " + SettingKey.HOST.settingName() + " (" + SettingKey.HOST
                    .environmentVariable() + ") = '" + host + "' is not a host name or address. Give one host, for "
                    + "example db.example.com, 10.0.0.5 or ::1 (several hosts: set " + SettingKey.URL.environmentVariable()
                    + ").");
        }
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        String name = URLEncoder.encode(settings.name().get(), StandardCharsets.UTF_8).replace("+", "%20");
        return PostgresUrl.PREFIX + "//" + host + ":" + settings.port().orElse(DEFAULT_PORT) + "/" + name;
    }

    /** At open: TLS files and settings, and what the URL would override. */
    static void check(DatabaseSettings settings) {
        Map<String, String> parameters = parameters(settings.url());
        checkTls(settings, parameters);
        String fromUrl = parameters.get(CURRENT_SCHEMA);
        if (settings.searchPath().isPresent() && fromUrl != null && !fromUrl.equals(settings.searchPath().get())) {
            throw new ConfigurationException("Setting " + SettingKey.SEARCH_PATH.settingName() + " ("
                    + SettingKey.SEARCH_PATH.environmentVariable() + ") = '" + settings.searchPath().get() + "' and the "
                    + "URL's currentSchema '" + fromUrl + "' disagree (" + settings.redactedUrl() + "). Keep one.");
        }
        isolation(settings);
    }

    private static void checkTls(DatabaseSettings settings, Map<String, String> parameters) {
        if (!settings.tlsEnabled()) {
            List<String> given = new ArrayList<>();
            settings.tlsCaFile().ifPresent(f -> given.add(SettingKey.TLS_CA_FILE.environmentVariable()));
            settings.tlsCertFile().ifPresent(f -> given.add(SettingKey.TLS_CERT_FILE.environmentVariable()));
            settings.tlsKeyFile().ifPresent(f -> given.add(SettingKey.TLS_KEY_FILE.environmentVariable()));
            if (!given.isEmpty()) {
                // Silently unverified would be the worst outcome: the driver's default (prefer) encrypts without
                // checking the server.
                throw new ConfigurationException(String.join(", ", given) + (given.size() > 1 ? " are" : " is")
                        + " set but " + SettingKey.TLS_ENABLED.environmentVariable() + " is not: the files would not be "
                        + "used and the server's certificate not verified. Set " + SettingKey.TLS_ENABLED
                        .environmentVariable() + "=true (or unset them).");
            }
            return;
        }
        if (settings.tlsCertFile().isPresent() != settings.tlsKeyFile().isPresent()) {
            SettingKey given = settings.tlsCertFile().isPresent() ? SettingKey.TLS_CERT_FILE : SettingKey.TLS_KEY_FILE;
            SettingKey missing = given == SettingKey.TLS_CERT_FILE ? SettingKey.TLS_KEY_FILE : SettingKey.TLS_CERT_FILE;
            throw new ConfigurationException(given.environmentVariable() + " is set but " + missing.environmentVariable()
                    + " is not: client certificate authentication needs both the certificate and its key.");
        }
        List<String> overriding = new ArrayList<>();
        for (String name : parameters.keySet()) {
            if (TLS_PARAMETERS.contains(name.toLowerCase(Locale.ROOT))) {
                overriding.add(name);
            }
        }
        if (!overriding.isEmpty()) {
            throw new ConfigurationException("URL " + settings.redactedUrl() + " has the parameter" + (overriding.size() > 1
                    ? "s " : " ") + String.join(", ", overriding) + ", which the driver would apply instead of "
                    + SettingKey.TLS_ENABLED.environmentVariable() + " (a URL's parameters win). Remove "
                    + (overriding.size() > 1 ? "them" : "it") + " from the URL; the tls_* settings say it all.");
        }
        TlsMaterial.check(settings.tlsCaFile().orElse(null), settings.tlsCertFile().orElse(null),
                settings.tlsKeyFile().orElse(null));
    }

    /**
     * On the first connection of a pool or a migration: the first schema of a search_path that names one
     * must exist. PostgreSQL skips a missing one, so the tables and the migration history would land in
     * the next schema of the path without a word.
     */
    static void checkSearchPath(java.sql.Connection connection) throws java.sql.SQLException {
        try (java.sql.Statement statement = connection.createStatement();
             java.sql.ResultSet row = statement.executeQuery("SELECT current_setting('search_path'), current_schema()")) {
            row.next();
            String path = row.getString(1);
            String current = row.getString(2);
            String first = path == null ? "" : path.split(",", 2)[0].trim();
            if (first.isEmpty() || first.equals("\"$user\"") || first.equals("$user")) {
                return;
            }
            String schema = first.startsWith("\"") && first.endsWith("\"") && first.length() > 1
                    ? first.substring(1, first.length() - 1).replace("\"\"", "\"") : first.toLowerCase(Locale.ROOT);
            if (!schema.equals(current)) {
                throw new ConfigurationException("Schema " + first + ", the first of search_path '" + path + "', does not "
                        + "exist in this database: the tables would go to " + (current == null ? "no schema"
                        : "schema " + current) + " instead. Create it (CREATE SCHEMA " + first + "), or fix "
                        + SettingKey.SEARCH_PATH.environmentVariable() + " (or the URL's currentSchema).");
            }
        }
    }

    /**
     * Adds the TLS and search_path driver properties to {@code properties}; the isolation travels with the
     * other session settings ({@code PostgresDialect.sessionSettings}).
     */
    static void addProperties(DatabaseSettings settings, Map<String, String> properties) {
        if (settings.tlsEnabled()) {
            properties.put(VerifyingSslFactory.MODE, settings.tlsCheckHostname() ? "verify-full" : "verify-ca");
            properties.put("sslfactory", VerifyingSslFactory.class.getName());
            settings.tlsCaFile().ifPresent(f -> properties.put(VerifyingSslFactory.CA_FILE, f.toAbsolutePath().toString()));
            settings.tlsCertFile().ifPresent(f -> properties.put(VerifyingSslFactory.CERT_FILE, f.toAbsolutePath().toString()));
            settings.tlsKeyFile().ifPresent(f -> properties.put(VerifyingSslFactory.KEY_FILE, f.toAbsolutePath().toString()));
        }
        if (!settings.transactionPooler()) {
            // Behind a transaction pooler it is a per-transaction setting instead (PostgresDialect.sessionSettings):
            // PgBouncer refuses the startup parameter the driver makes of it.
            settings.searchPath().ifPresent(path -> properties.put(CURRENT_SCHEMA, path));
        }
    }

    /** The URL's {@code default_transaction_isolation} (the last one when repeated), checked; empty when absent. */
    static java.util.Optional<String> isolation(DatabaseSettings settings) {
        String level = parameters(settings.url()).get(ISOLATION);
        if (level == null) {
            return java.util.Optional.empty();
        }
        String normalised = level.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (!ISOLATION_LEVELS.contains(normalised)) {
            throw new ConfigurationException("URL " + settings.redactedUrl() + " sets " + ISOLATION + " to '" + level
                    + "'; it takes read committed, repeatable read, serializable or read uncommitted (URL-encoded, e.g. "
                    + "repeatable%20read).");
        }
        return java.util.Optional.of(normalised);
    }

    /** The URL without its {@code default_transaction_isolation} parameters (sent as a session setting instead). */
    static String withoutIsolation(String url) {
        int query = url.indexOf('?');
        if (query < 0) {
            return url;
        }
        StringBuilder kept = new StringBuilder();
        for (String parameter : url.substring(query + 1).split("&", -1)) {
            String name = parameter.indexOf('=') < 0 ? parameter : parameter.substring(0, parameter.indexOf('='));
            if (!parameter.isEmpty() && !name.equals(ISOLATION)) {
                kept.append(kept.length() == 0 ? "?" : "&").append(parameter);
            }
        }
        return url.substring(0, query) + kept;
    }

    /** The URL's query parameters, decoded; the last value of a repeated name wins (as in the driver). */
    static Map<String, String> parameters(String url) {
        Map<String, String> parameters = new LinkedHashMap<>();
        int query = url.indexOf('?');
        if (query < 0) {
            return parameters;
        }
        for (String parameter : url.substring(query + 1).split("&")) {
            int equals = parameter.indexOf('=');
            if (equals > 0) {
                String value;
                try {
                    value = URLDecoder.decode(parameter.substring(equals + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    value = parameter.substring(equals + 1);
                }
                parameters.put(parameter.substring(0, equals), value);
            } else if (!parameter.isEmpty()) {
                parameters.put(parameter, "");
            }
        }
        return parameters;
    }
}
