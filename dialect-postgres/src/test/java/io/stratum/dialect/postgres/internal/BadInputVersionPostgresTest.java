package io.stratum.dialect.postgres.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.api.ConfigurationException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A PostgreSQL server older than Stratum needs is refused with an error naming both versions. */
class BadInputVersionPostgresTest {

    @ParameterizedTest
    @CsvSource({"12, 12.18", "9, 9.6.24"})
    void aTooOldServerIsRefused(int major, String version) {
        assertThatThrownBy(() -> new PostgresDialect().checkServerVersion(serverReporting(major, version)))
                .isExactlyInstanceOf(ConfigurationException.class)
                .hasMessageContaining("requires PostgreSQL >= 13")
                .hasMessageContaining("the server is " + version)
                .hasMessageContaining("Upgrade the server");
    }

    @ParameterizedTest
    @CsvSource({"13, 13.0", "17, 17.2"})
    void aRecentServerPasses(int major, String version) {
        assertThatCode(() -> new PostgresDialect().checkServerVersion(serverReporting(major, version)))
                .doesNotThrowAnyException();
    }

    private static Connection serverReporting(int major, String version) {
        DatabaseMetaData meta = (DatabaseMetaData) Proxy.newProxyInstance(BadInputVersionPostgresTest.class.getClassLoader(),
                new Class<?>[] {DatabaseMetaData.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getDatabaseMajorVersion" -> major;
                    case "getDatabaseProductVersion" -> version;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        // The default search_path, as a server reports it after the version check asks (checkSearchPath).
        ResultSet defaultPath = (ResultSet) Proxy.newProxyInstance(BadInputVersionPostgresTest.class.getClassLoader(),
                new Class<?>[] {ResultSet.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "next" -> true;
                    case "getString" -> (int) args[0] == 1 ? "\"$user\", public" : "public";
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        Statement statement = (Statement) Proxy.newProxyInstance(BadInputVersionPostgresTest.class.getClassLoader(),
                new Class<?>[] {Statement.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "executeQuery" -> defaultPath;
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (Connection) Proxy.newProxyInstance(BadInputVersionPostgresTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getMetaData" -> meta;
                    case "createStatement" -> statement;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
