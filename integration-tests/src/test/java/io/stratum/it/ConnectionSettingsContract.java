package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.api.ConfigurationException;
import io.stratum.api.DatabaseInterface;
import io.stratum.api.DatabaseSettings;
import io.stratum.api.DialectNotFoundException;
import io.stratum.orm.model.FlowEntity;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The reference's connection settings on each dialect: the URL built from driver, host, port and name
 * when no url is set (a url set wins), and the settings a dialect does not take refused, never ignored.
 */
abstract class ConnectionSettingsContract extends FreshDatabaseContract {

    /** This test's database, named by driver (the reference's name for it), host, port and name instead of a URL. */
    abstract DatabaseSettings.Builder fromParts();

    /** The URL of this test's database. */
    abstract String url();

    @Test
    void withoutAUrlDriverHostPortAndNameBuildIt() {
        DatabaseSettings settings = fromParts().build();
        assertThat(settings.urlFromParts()).isTrue();
        assertThat(settings.url()).isEqualTo(url());
        DatabaseInterface db = open(settings.toBuilder().migrateOnStart(true).build());
        db.inTransaction(session -> {
            session.persist(new FlowEntity("from parts"));
            return null;
        });
        assertThat(db.isDbConnectable()).isTrue();
        // toBuilder keeps the pieces, not the URL made of them: a changed piece makes a new URL.
        assertThat(settings.toBuilder().build().url()).isEqualTo(url());
        assertThat(settings.toBuilder().build().urlFromParts()).isTrue();
    }

    @Test
    void thePiecesComeFromVariablesAndPropertiesToo() {
        DatabaseSettings parts = fromParts().build();
        Properties properties = new Properties();
        properties.setProperty("stratum.database.driver", parts.driver().orElseThrow());
        parts.host().ifPresent(v -> properties.setProperty("stratum.database.host", v));
        parts.name().ifPresent(v -> properties.setProperty("stratum.database.name", v));
        parts.user().ifPresent(v -> properties.setProperty("stratum.database.user", v));
        Map<String, String> environment = parts.port().map(p -> Map.of("STRATUM_DATABASE_PORT", Integer.toString(p)))
                .orElse(Map.of());
        assertThat(DatabaseSettings.fromSources(environment, properties).url()).isEqualTo(url());
    }

    @Test
    void aUrlSetWinsOverThePieces() {
        DatabaseSettings settings = database.settings().driver(fromParts().build().driver().orElseThrow())
                .host("elsewhere.invalid").port(1).name("other").build();
        assertThat(settings.url()).isEqualTo(url());
        assertThat(settings.urlFromParts()).isFalse();
        java.util.List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Logger registry = java.util.logging.Logger.getLogger("io.stratum.api.internal.Registry");
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                warnings.add(record.getLevel() + " " + record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        registry.addHandler(capture);
        try {
            assertThat(open(settings.toBuilder().migrateOnStart(true).build()).isDbConnectable()).isTrue();
        } finally {
            registry.removeHandler(capture);
        }
        assertThat(warnings).containsExactly("WARNING STRATUM_DATABASE_URL is set (" + url() + "), so "
                + "STRATUM_DATABASE_DRIVER, STRATUM_DATABASE_HOST, STRATUM_DATABASE_PORT, STRATUM_DATABASE_NAME are not "
                + "used: a url wins over the pieces. Unset one or the other.");
    }

    @Test
    void piecesWithoutADriverOrWithAnUnknownOneAreRefused() {
        assertThatThrownBy(() -> DatabaseSettings.builder().name("stratum").build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Missing required database connection settings: driver (STRATUM_DATABASE_DRIVER). "
                        + "STRATUM_DATABASE_NAME is set but no STRATUM_DATABASE_URL: set STRATUM_DATABASE_DRIVER to one of ")
                .hasMessageContaining(fromParts().build().driver().orElseThrow());
        assertThatThrownBy(() -> DatabaseSettings.builder().driver("oracle").host("127.0.0.1").build())
                .isInstanceOf(DialectNotFoundException.class)
                .hasMessageStartingWith("Unsupported database driver: 'oracle' (STRATUM_DATABASE_DRIVER).");
    }
}
