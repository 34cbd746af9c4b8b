package io.stratum.it;

import io.stratum.api.DatabaseSettings;
import io.stratum.api.Dialect;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

/**
 * A database created for one test on the PostgreSQL server named by {@code STRATUM_TEST_POSTGRES_URL}
 * (default {@code jdbc:postgresql://127.0.0.1:5432/test}, user {@code STRATUM_TEST_POSTGRES_USER} or
 * postgres), dropped afterwards. An unreachable server fails the test: it never skips silently.
 */
public final class PostgresTestDatabase implements TestDatabase {
    public static final String ADMIN_URL = env("STRATUM_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = env("STRATUM_TEST_POSTGRES_USER", "postgres");
    public static final String PASSWORD = env("STRATUM_TEST_POSTGRES_PASSWORD", "postgres");

    private final String name = "stratum_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
            .toLowerCase(Locale.ROOT);
    private final String url;

    public PostgresTestDatabase() {
        try (Connection admin = admin(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL for the tests is not reachable at " + ADMIN_URL + " as " + USER
                    + ": " + e.getMessage() + ". Start it (see .ci/run) or set STRATUM_TEST_POSTGRES_URL.", e);
        }
        int slash = ADMIN_URL.lastIndexOf('/');
        int query = ADMIN_URL.indexOf('?', slash);
        url = ADMIN_URL.substring(0, slash + 1) + name + (query >= 0 ? ADMIN_URL.substring(query) : "");
    }

    public String url() {
        return url;
    }

    public String name() {
        return name;
    }

    @Override
    public Dialect dialect() {
        return Dialects.POSTGRESQL;
    }

    @Override
    public DatabaseSettings.Builder settings() {
        return DatabaseSettings.builder().url(url).user(USER).password(PASSWORD).migrateOnStart(false);
    }

    @Override
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, credentials());
    }

    public static Connection admin() throws SQLException {
        return DriverManager.getConnection(ADMIN_URL, credentials());
    }

    private static Properties credentials() {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("password", PASSWORD);
        properties.setProperty("connectTimeout", "5");
        return properties;
    }

    @Override
    public void close() {
        try (Connection admin = admin(); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop test database " + name + ": " + e.getMessage(), e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
