package io.stratum.api.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratum.api.ConfigurationException;
import io.stratum.api.DatabaseSettings;
import java.net.UnknownHostException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Connection errors retrying cannot fix; the unknown host from a synthetic chain (no name is looked up). */
class LoginErrorsTest {
    private final DatabaseSettings settings = DatabaseSettings.builder()
            .url("jdbc:postgresql://db.exmaple.invalid:5432/stratum?password=s3cret").build();

    @Test
    void anUnknownHostIsAConfigurationErrorNamingTheHost() {
        // What pgjdbc throws: PSQLException 08001 "The connection attempt failed." caused by UnknownHostException.
        SQLException driver = new SQLException("The connection attempt failed.", "08001",
                new UnknownHostException("db.exmaple.invalid: Name or service not known"));
        ConfigurationException error = LoginErrors.refused(new SQLException("wrapped", null, driver), settings);
        assertThat(error).isNotNull();
        assertThat(error.getMessage())
                .startsWith("Database host 'db.exmaple.invalid' could not be resolved (check the host name in the URL "
                        + "jdbc:postgresql://db.exmaple.invalid:5432/stratum?password=***")
                .contains("STRATUM_DATABASE_URL").doesNotContain("s3cret");
    }

    @Test
    void otherConnectionFailuresAreNotConfigurationErrors() {
        assertThat(LoginErrors.refused(new SQLException("Connection refused", "08001",
                new java.net.ConnectException("Connection refused")), settings)).isNull();
    }
}
