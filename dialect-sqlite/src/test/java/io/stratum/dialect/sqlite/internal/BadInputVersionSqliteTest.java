package io.stratum.dialect.sqlite.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.api.ConfigurationException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** SQLite older than Stratum needs: the version comparison, and the error a too-old library raises. */
class BadInputVersionSqliteTest {

    @ParameterizedTest(name = "{0} is at least 3.35.0: {1}")
    @CsvSource({
            "3.35.0, true", "3.35, true", "3.35.5, true", "3.36.0, true", "3.45.1, true", "4.0.0, true",
            "3.53.0-beta, true", "3.100.0, true",
            "3.34.1, false", "3.34, false", "3.9.9, false", "2.99.99, false", "3, false", "'', false",
            "unknown, false", "3.x.0, false", "'  3.35.0  ', true"})
    void comparesVersions(String version, boolean enough) {
        assertThat(SqliteDialect.atLeast(version, SqliteDialect.MINIMUM_VERSION)).isEqualTo(enough);
    }

    @ParameterizedTest
    @ValueSource(strings = {"3.34.1", "3.8.11", "unknown"})
    void aTooOldLibraryIsRefusedNamingBothVersionsAndTheFix(String version) {
        assertThatThrownBy(() -> new SqliteDialect().checkServerVersion(connectionReporting(version)))
                .isExactlyInstanceOf(ConfigurationException.class)
                .hasMessageContaining("requires SQLite >= 3.35.0")
                .hasMessageContaining("provides SQLite " + version)
                .hasMessageContaining("org.xerial:sqlite-jdbc 3.35.0.0 or newer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"3.35.0", "3.50.4"})
    void aRecentLibraryPasses(String version) {
        assertThatCode(() -> new SqliteDialect().checkServerVersion(connectionReporting(version))).doesNotThrowAnyException();
    }

    /** A connection whose metadata reports the given library version (nothing else is called). */
    static Connection connectionReporting(String version) {
        DatabaseMetaData meta = (DatabaseMetaData) Proxy.newProxyInstance(BadInputVersionSqliteTest.class.getClassLoader(),
                new Class<?>[] {DatabaseMetaData.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getDatabaseProductVersion")) {
                        return version;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return (Connection) Proxy.newProxyInstance(BadInputVersionSqliteTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getMetaData")) {
                        return meta;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
