package io.stratum.dialect.postgres.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.api.ConfigurationException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
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
        return (Connection) Proxy.newProxyInstance(BadInputVersionPostgresTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getMetaData")) {
                        return meta;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
