package io.stratum.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class SettingKeyTest {

    @Test
    void everyDefaultIsWithinItsOwnRangeAndTheBuilderUsesIt() {
        DatabaseSettings defaults = DatabaseSettings.builder().url("jdbc:sqlite:/tmp/x.db").build();
        assertThat(defaults.timeout()).isEqualTo(SettingKey.TIMEOUT.defaultDuration());
        assertThat(defaults.poolSize()).isEqualTo(SettingKey.POOL_SIZE.defaultCount());
        assertThat(defaults.maxOverflow()).isEqualTo(SettingKey.MAX_OVERFLOW.defaultCount());
        assertThat(defaults.poolTimeout()).isEqualTo(SettingKey.POOL_TIMEOUT.defaultDuration());
        assertThat(defaults.leakTimeout()).isEqualTo(SettingKey.LEAK_TIMEOUT.defaultDuration());
        assertThat(defaults.migrateOnStart()).isEqualTo(SettingKey.MIGRATE_ON_START.defaultBoolean());
        for (SettingKey key : SettingKey.values()) {
            assertThat(key.description()).as(key + " is described").isNotBlank();
            assertThat(key.environmentVariable()).startsWith(SettingKey.ENVIRONMENT_PREFIX);
            assertThat(key.systemProperty()).startsWith(SettingKey.PROPERTY_PREFIX);
            if (key.kind() != SettingKey.Kind.TEXT) {
                assertThat(key.allowed()).as(key + " states its range").isNotBlank();
            }
        }
    }

    @Test
    void valuesOutOfRangeOrMalformedAreConfigurationErrorsNamingSourceValueAndRange() {
        assertThatThrownBy(() -> settings(Map.of("STRATUM_DATABASE_TIMEOUT", "99999999999999")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("STRATUM_DATABASE_TIMEOUT (environment variable) = '99999999999999' is out of range")
                .hasMessageContaining("more than 0 to 2147483");
        assertThatThrownBy(() -> settings(Map.of("STRATUM_DATABASE_TIMEOUT", "abc")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'abc' is not a number of seconds").hasMessageNotContaining("NumberFormat");
        assertThatThrownBy(() -> settings(Map.of("STRATUM_DATABASE_POOL_RECYCLE", "-1")))
                .hasMessageContaining("'-1' is out of range: pool_recycle takes a number of seconds, from 0 to");
        assertThatThrownBy(() -> settings(Map.of("STRATUM_DATABASE_MAX_OVERFLOW", "2147483648")))
                .hasMessageContaining("'2147483648' is out of range");
        assertThatThrownBy(() -> settings(Map.of("STRATUM_DATABASE_MIGRATE_ON_START", "maybe")))
                .hasMessageContaining("'maybe' is not a boolean: migrate_on_start takes true or false");
        Properties properties = new Properties();
        properties.setProperty("stratum.database.pool_timeout", "NaN");
        assertThatThrownBy(() -> DatabaseSettings.fromSources(Map.of(), properties))
                .hasMessageContaining("stratum.database.pool_timeout (system property) = 'NaN' is not a number of seconds");
        assertThatThrownBy(() -> DatabaseSettings.builder().url("jdbc:sqlite:/tmp/x.db").timeout(Duration.ofDays(30)).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("timeout (DatabaseSettings.Builder, or STRATUM_DATABASE_TIMEOUT) = '2592000 s' is out of range");
    }

    @Test
    void valuesAtTheEdgesOfTheRangeAreAccepted() {
        DatabaseSettings edges = settings(Map.of("STRATUM_DATABASE_TIMEOUT", "2147483", "STRATUM_DATABASE_POOL_RECYCLE", "0",
                "STRATUM_DATABASE_POOL_TIMEOUT", "0.001", "STRATUM_DATABASE_POOL_SIZE", "10000", "STRATUM_DATABASE_ECHO", "on"));
        assertThat(edges.timeout()).isEqualTo(Duration.ofSeconds(2_147_483));
        assertThat(edges.poolRecycle()).isZero();
        assertThat(edges.poolTimeout()).isEqualTo(Duration.ofMillis(1));
        assertThat(edges.poolSize()).isEqualTo(10_000);
        assertThat(edges.echo()).isTrue();
    }

    @Test
    void anUnknownVariableOrPropertyWarnsOnceNamingTheClosestSetting() {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger.getLogger(UnknownSettings.class.getName()).addHandler(capture);
        try {
            Properties properties = new Properties();
            properties.setProperty("stratum.database.pool_sise", "3");
            Map<String, String> environment = Map.of("STRATUM_DATABASE_TIMOUT", "5", "STRATUM_DATABASE_URL",
                    "jdbc:sqlite:/tmp/x.db", "STRATUM_HOME", "/tmp", "OTHER_TIMOUT", "1");
            DatabaseSettings.fromSources(environment, properties);
            DatabaseSettings.fromSources(environment, properties);
            assertThat(records).extracting(LogRecord::getMessage).containsExactlyInAnyOrder(
                    "STRATUM_DATABASE_TIMOUT is not a Stratum setting; did you mean STRATUM_DATABASE_TIMEOUT? It is ignored. "
                            + "The settings are listed under SettingKey (and by 'stratum database --help').",
                    "stratum.database.pool_sise is not a Stratum setting; did you mean stratum.database.pool_size? It is "
                            + "ignored. The settings are listed under SettingKey (and by 'stratum database --help').");
            assertThat(records).allMatch(r -> r.getLevel() == Level.WARNING);
        } finally {
            java.util.logging.Logger.getLogger(UnknownSettings.class.getName()).removeHandler(capture);
        }
        assertThat(UnknownSettings.closest("STRATUM_DATABASE_CONECTION_TIMEOUT", true)).isEqualTo(SettingKey.CONNECTION_TIMEOUT);
        assertThat(UnknownSettings.closest("stratum.database.migrate-on-start", false)).isEqualTo(SettingKey.MIGRATE_ON_START);
    }

    @Test
    void readUrlIsReadFromTheEnvironmentComparedAndNeverShowsItsPassword() {
        String replica = "jdbc:postgresql://10.0.0.2:5432/stratum?password=replica-secret";
        DatabaseSettings settings = settings(Map.of("STRATUM_DATABASE_URL", "jdbc:postgresql://10.0.0.1:5432/stratum",
                "STRATUM_DATABASE_READ_URL", replica));
        assertThat(settings.readUrl()).contains(replica);
        assertThat(settings.toString()).contains("readUrl=jdbc:postgresql://10.0.0.2:5432/stratum?password=***")
                .doesNotContain("replica-secret");
        assertThat(settings.differences(settings.toBuilder().readUrl(null).build())).containsExactly("STRATUM_DATABASE_READ_URL");
        assertThat(settings.toBuilder().readUrl("  ").build().readUrl()).as("blank = unset").isEmpty();
        assertThatThrownBy(() -> settings(Map.of("STRATUM_DATABASE_READ_URL", "postgresql://10.0.0.2/stratum?password=x")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("STRATUM_DATABASE_READ_URL 'postgresql://10.0.0.2/stratum?password=***' is not a JDBC URL");
    }

    private static DatabaseSettings settings(Map<String, String> environment) {
        Map<String, String> withUrl = new java.util.HashMap<>(environment);
        withUrl.putIfAbsent("STRATUM_DATABASE_URL", "jdbc:sqlite:/tmp/x.db");
        return DatabaseSettings.fromSources(withUrl, new Properties());
    }
}
