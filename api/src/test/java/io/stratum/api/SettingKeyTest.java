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
    void connectionSettingsAreReadFromVariablesAndPropertiesCheckedAndKeptByToBuilder() {
        Properties properties = new Properties();
        properties.setProperty("stratum.database.tls_ca_file", "/etc/stratum/ca.crt");
        properties.setProperty("stratum.database.tls_check_hostname", "off");
        DatabaseSettings settings = DatabaseSettings.fromSources(Map.of("STRATUM_DATABASE_URL", "jdbc:sqlite:/tmp/x.db",
                "STRATUM_DATABASE_TLS_ENABLED", "yes", "STRATUM_DATABASE_TLS_CERT_FILE", "client.crt",
                "STRATUM_DATABASE_TLS_KEY_FILE", "client.key", "STRATUM_DATABASE_SEARCH_PATH", " app, public ",
                "STRATUM_DATABASE_PORT", "6432", "STRATUM_DATABASE_HOST", "db.example.com"), properties);
        assertThat(settings.tlsEnabled()).isTrue();
        assertThat(settings.tlsCaFile()).contains(java.nio.file.Path.of("/etc/stratum/ca.crt"));
        assertThat(settings.tlsCertFile()).contains(java.nio.file.Path.of("client.crt"));
        assertThat(settings.tlsKeyFile()).contains(java.nio.file.Path.of("client.key"));
        assertThat(settings.tlsCheckHostname()).isFalse();
        assertThat(settings.searchPath()).contains("app, public");
        assertThat(settings.port()).contains(6432);
        // A url set wins over the pieces: they are kept, but the URL is the one set.
        assertThat(settings.url()).isEqualTo("jdbc:sqlite:/tmp/x.db");
        assertThat(settings.urlFromParts()).isFalse();
        assertThat(settings.toBuilder().build()).isEqualTo(settings);
        assertThat(settings.differences(settings.toBuilder().tlsCheckHostname(true).searchPath(null).build()))
                .containsExactly("STRATUM_DATABASE_TLS_CHECK_HOSTNAME", "STRATUM_DATABASE_SEARCH_PATH");
        assertThat(DatabaseSettings.builder().url("jdbc:sqlite:/tmp/x.db").build().tlsCheckHostname()).isTrue();
        assertThat(DatabaseSettings.builder().url("jdbc:sqlite:/tmp/x.db").build().tlsEnabled()).isFalse();

        assertThatThrownBy(() -> settings(Map.of("STRATUM_DATABASE_PORT", "70000")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("STRATUM_DATABASE_PORT (environment variable) = '70000' is out of range: port takes "
                        + "a whole number from 1 to 65535");
        assertThatThrownBy(() -> settings(Map.of("STRATUM_DATABASE_TLS_ENABLED", "sometimes")))
                .hasMessageContaining("'sometimes' is not a boolean: tls_enabled takes true or false");
        assertThatThrownBy(() -> DatabaseSettings.builder().url("jdbc:sqlite:/tmp/x.db").port(0).build())
                .hasMessageContaining("port (DatabaseSettings.Builder, or STRATUM_DATABASE_PORT) = '0' is out of range");
        // No dialect is installed in this module's tests: a piece without a url needs a driver first.
        assertThatThrownBy(() -> DatabaseSettings.fromSources(Map.of("STRATUM_DATABASE_HOST", "db.example.com"), new Properties()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Missing required database connection settings: driver (STRATUM_DATABASE_DRIVER). "
                        + "STRATUM_DATABASE_HOST is set but no STRATUM_DATABASE_URL");
    }

    @Test
    void retentionSettingsTakeDaysInBothFormsAndRefuseAnOverrideLongerThanTheEventsRetention() {
        DatabaseSettings defaults = settings(Map.of());
        assertThat(defaults.retentionEnabled()).containsExactly(RetentionKind.EVENTS);
        assertThat(defaults.retentionPeriod()).isEqualTo(Duration.ofDays(90));
        assertThat(defaults.retentionBatchSize()).isEqualTo(200);
        assertThat(defaults.eventsRetentionPeriod()).isEqualTo(Duration.ofDays(7));
        assertThat(defaults.eventRetentionOverrides()).isEmpty();

        DatabaseSettings set = settings(Map.of("STRATUM_DATABASE_RETENTION_ENABLED", "flow_runs, events",
                "STRATUM_DATABASE_RETENTION_PERIOD", "P365D", "STRATUM_DATABASE_EVENTS_RETENTION_PERIOD", "36h",
                "STRATUM_DATABASE_EVENT_RETENTION_OVERRIDES", "prefect.flow-run.heartbeat=1d, prefect.log.write=90m",
                "STRATUM_DATABASE_RETENTION_BATCH_SIZE", "1"));
        assertThat(set.retentionEnabled()).containsExactlyInAnyOrder(RetentionKind.FLOW_RUNS, RetentionKind.EVENTS);
        assertThat(set.retentionPeriod()).isEqualTo(Duration.ofDays(365));
        assertThat(set.eventsRetentionPeriod()).isEqualTo(Duration.ofHours(36));
        assertThat(set.eventRetentionOverrides()).containsExactly(
                Map.entry("prefect.flow-run.heartbeat", Duration.ofDays(1)), Map.entry("prefect.log.write", Duration.ofMinutes(90)));
        assertThat(set.retentionBatchSize()).isEqualTo(1);
        assertThat(settings(Map.of("STRATUM_DATABASE_RETENTION_ENABLED", "")).retentionEnabled()).isEmpty();

        assertThatThrownBy(() -> settings(Map.of("STRATUM_DATABASE_RETENTION_PERIOD", "59m")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'59m' is out of range")
                .hasMessageContaining("from 1h");
        assertThatThrownBy(() -> settings(Map.of("STRATUM_DATABASE_RETENTION_PERIOD", "90 days")))
                .hasMessageContaining("'90 days' is not a duration");
        assertThatThrownBy(() -> settings(Map.of("STRATUM_DATABASE_RETENTION_ENABLED", "flow_runs,logs")))
                .hasMessageContaining("unknown kind 'logs'");
        assertThatThrownBy(() -> settings(Map.of("STRATUM_DATABASE_EVENT_RETENTION_OVERRIDES", "prefect.flow-run.heartbeat")))
                .hasMessageContaining("is not a list of event-type=duration pairs");
        assertThatThrownBy(() -> settings(Map.of("STRATUM_DATABASE_EVENT_RETENTION_OVERRIDES", "prefect.flow-run.heartbeat=8d")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("keeps prefect.flow-run.heartbeat events for PT192H, longer than events_retention_period");
        assertThatThrownBy(() -> settings(Map.of("STRATUM_DATABASE_RETENTION_BATCH_SIZE", "10001")))
                .hasMessageContaining("'10001' is out of range");
        assertThat(SettingKey.RETENTION_PERIOD.parseDuration("PT36H", "--older-than")).isEqualTo(Duration.ofHours(36));
        assertThatThrownBy(() -> SettingKey.RETENTION_PERIOD.parseDuration("3w", "--older-than"))
                .hasMessageStartingWith("Option --older-than '3w' is not a duration");
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
