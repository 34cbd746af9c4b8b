package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.api.ConfigurationException;
import io.stratum.api.DatabaseSettings;
import io.stratum.api.Stratum;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConnectionSettingsSqliteTest extends ConnectionSettingsContract {

    @Override
    TestDatabase newDatabase() {
        return new SqliteTestDatabase();
    }

    private SqliteTestDatabase sqlite() {
        return (SqliteTestDatabase) database;
    }

    @Override
    DatabaseSettings.Builder fromParts() {
        return DatabaseSettings.builder().driver("sqlite+aiosqlite").name(sqlite().file().toString()).migrateOnStart(false);
    }

    @Override
    String url() {
        return database.settings().build().url();
    }

    @Test
    void withoutANameTheDefaultFileUnderTheHomeFolder() {
        Path home = sqlite().file().getParent().resolve("home");
        assertThat(DatabaseSettings.builder().driver("sqlite").home(home).build().url())
                .isEqualTo("jdbc:sqlite:" + home.toAbsolutePath().resolve("stratum.db"));
        assertThatThrownBy(() -> DatabaseSettings.builder().driver("sqlite").host("127.0.0.1").build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("STRATUM_DATABASE_HOST and STRATUM_DATABASE_PORT do not apply to driver sqlite");
    }

    @Test
    void tlsAndSearchPathAreRefusedNotIgnored() {
        assertThatThrownBy(() -> Stratum.open(database.settings().tlsEnabled(true).build()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Setting tls_enabled (STRATUM_DATABASE_TLS_ENABLED) does not apply to SQLite (" + url()
                        + "): SQLite opens a local file, with no network connection to encrypt and no schemas to search. "
                        + "Unset it, or use the URL of a database that takes it.");
        assertThatThrownBy(() -> Stratum.open(database.settings().searchPath("app").tlsCaFile(Path.of("/ca.crt")).build()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Settings tls_ca_file (STRATUM_DATABASE_TLS_CA_FILE), search_path "
                        + "(STRATUM_DATABASE_SEARCH_PATH) do not apply to SQLite");
    }
}
