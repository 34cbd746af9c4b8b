package io.stratum.api.internal;

import io.stratum.api.ConfigurationException;
import io.stratum.api.DatabaseSettings;
import io.stratum.api.SettingKey;
import io.stratum.api.spi.DialectProvider;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * How Stratum connects, written once for the pool, {@code isDbConnectable} and the migration
 * connections: the URL handed to the driver, the driver properties, the credentials, and what every new
 * connection runs before use (isolation level, the dialect's per-connection statements).
 *
 * <p>Secrets never travel inside the URL the driver sees: drivers log their URL (pgjdbc at FINE on every
 * connect, at WARNING when it cannot parse it), so a {@code password=} (or {@code sslpassword=} …)
 * parameter is taken out of the URL and passed as a driver property.
 */
final class ConnectionSetup {
    /** Parameter names holding secrets; the same names {@link io.stratum.api.Redaction} masks. */
    private static final Pattern SECRET_PARAMETER = Pattern.compile("(?i)[\\p{Alnum}_.-]*(?:password|passwd|pwd)");

    private final DatabaseSettings settings;
    private final DialectProvider dialect;
    private final String url;
    private final Map<String, String> secretParameters;
    private final String password;

    private ConnectionSetup(DatabaseSettings settings, DialectProvider dialect, String url,
                            Map<String, String> secretParameters, String password) {
        this.settings = settings;
        this.dialect = dialect;
        this.url = url;
        this.secretParameters = secretParameters;
        this.password = password;
    }

    /** Validates and prepares the URL (the dialect's {@link DialectProvider#prepareUrl}), then moves its secrets out. */
    static ConnectionSetup of(DatabaseSettings settings, DialectProvider dialect) {
        String prepared = dialect.prepareUrl(settings);
        int query = prepared.indexOf('?');
        Map<String, String> secrets = new LinkedHashMap<>();
        String url = prepared;
        if (query >= 0) {
            StringBuilder kept = new StringBuilder();
            for (String parameter : prepared.substring(query + 1).split("&", -1)) {
                int equals = parameter.indexOf('=');
                String name = equals < 0 ? parameter : parameter.substring(0, equals);
                if (equals > 0 && SECRET_PARAMETER.matcher(name).matches()) {
                    secrets.put(name.equalsIgnoreCase("password") ? "password" : name, decode(parameter.substring(equals + 1), settings));
                } else if (!parameter.isEmpty()) {
                    kept.append(kept.length() == 0 ? "" : "&").append(parameter);
                }
            }
            url = prepared.substring(0, query) + (kept.length() == 0 ? "" : "?" + kept);
        }
        String fromUrl = secrets.remove("password");
        String password = settings.password().orElse(null);
        if (fromUrl != null && password != null && !fromUrl.equals(password)) {
            throw new ConfigurationException("The database password is given twice, differently: in the password "
                    + "parameter of " + settings.redactedUrl() + " and in " + SettingKey.PASSWORD.environmentVariable()
                    + " (or the builder's password). Keep one; " + SettingKey.PASSWORD.environmentVariable()
                    + " keeps it out of the URL.");
        }
        return new ConnectionSetup(settings, dialect, url, Map.copyOf(secrets), password != null ? password : fromUrl);
    }

    private static String decode(String value, DatabaseSettings settings) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("A password parameter of " + settings.redactedUrl() + " is not properly "
                    + "URL-encoded (a % must be followed by two hex digits). Encode it, or set it in "
                    + SettingKey.PASSWORD.environmentVariable() + " instead.");
        }
    }

    /** The URL the driver gets: without secret parameters. */
    String url() {
        return url;
    }

    /** The login user; none for a dialect without logins ({@link DialectProvider#takesCredentials()}). */
    Optional<String> user() {
        return dialect.takesCredentials() ? settings.user() : Optional.empty();
    }

    /** The login password; none for a dialect without logins (sqlite-jdbc would send it as {@code PRAGMA key}). */
    Optional<String> password() {
        return dialect.takesCredentials() ? Optional.ofNullable(password) : Optional.empty();
    }

    /**
     * Driver properties without user and password (which a pool passes its own way): the dialect's,
     * for migrations its migration variant, plus secret parameters taken out of the URL.
     */
    Map<String, String> driverProperties(boolean forMigrations) {
        Map<String, String> properties = new LinkedHashMap<>(forMigrations
                ? dialect.migrationConnectionProperties(settings) : dialect.connectionProperties(settings));
        properties.putAll(secretParameters);
        return properties;
    }

    /** Opens a connection directly with the driver, prepared as the pool prepares its connections. */
    Connection connect(boolean forMigrations) throws SQLException {
        Properties properties = new Properties();
        properties.putAll(driverProperties(forMigrations));
        user().ifPresent(user -> properties.setProperty("user", user));
        password().ifPresent(secret -> properties.setProperty("password", secret));
        Driver driver;
        try {
            driver = dialect.driverClass().getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot instantiate JDBC driver " + dialect.driverClass().getName(), e);
        }
        Connection connection = driver.connect(url, properties);
        if (connection == null) {
            throw new SQLException("The " + dialect.dialect().id() + " driver does not accept " + settings.redactedUrl());
        }
        try {
            if (dialect.isolationLevel() >= 0) {
                connection.setTransactionIsolation(dialect.isolationLevel());
            }
            runInitSql(connection);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /** The dialect's per-connection statements, in order (the pool runs them on each connection it opens). */
    void runInitSql(Connection connection) throws SQLException {
        List<String> statements = dialect.connectionInitSql(settings);
        if (statements.isEmpty()) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
