package io.stratum.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** transaction_pooler, migration_url, statement_cache_size and prepared_statement_cache_size as settings. */
class PoolerSettingsTest {
    private static final String POOLER = "jdbc:postgresql://127.0.0.1:6432/stratum";
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/stratum";

    @Test
    void readFromVariablesAndPropertiesLikeEverySetting() {
        Properties properties = new Properties();
        properties.setProperty("stratum.database.prepared_statement_cache_size", "3");
        DatabaseSettings settings = DatabaseSettings.fromSources(Map.of("STRATUM_DATABASE_URL", POOLER,
                "STRATUM_DATABASE_MIGRATION_URL", SERVER, "STRATUM_DATABASE_TRANSACTION_POOLER", "true",
                "STRATUM_DATABASE_STATEMENT_CACHE_SIZE", "17"), properties);
        assertThat(settings.transactionPooler()).isTrue();
        assertThat(settings.migrationUrl()).isEqualTo(SERVER);
        assertThat(settings.migrationUrlSet()).isTrue();
        assertThat(settings.statementCacheSize()).isEqualTo(OptionalInt.of(17));
        assertThat(settings.preparedStatementCacheSize()).isEqualTo(OptionalInt.of(3));
        assertThat(settings.toBuilder().build()).isEqualTo(settings);
        assertThat(settings.differences(DatabaseSettings.builder().url(POOLER).build())).contains(
                "STRATUM_DATABASE_MIGRATION_URL", "STRATUM_DATABASE_TRANSACTION_POOLER", "STRATUM_DATABASE_STATEMENT_CACHE_SIZE",
                "STRATUM_DATABASE_PREPARED_STATEMENT_CACHE_SIZE");
    }

    @Test
    void defaultsMigrateThroughTheUrlAndLeaveTheDriverCachesAlone() {
        DatabaseSettings settings = DatabaseSettings.builder().url(SERVER).build();
        assertThat(settings.transactionPooler()).isFalse();
        assertThat(settings.migrationUrl()).isEqualTo(SERVER);
        assertThat(settings.migrationUrlSet()).isFalse();
        assertThat(settings.forMigrations()).isSameAs(settings);
        assertThat(settings.statementCacheSize()).isEmpty();
        assertThat(settings.preparedStatementCacheSize()).isEmpty();
    }

    @Test
    void aTransactionPoolerMeansNoServerSidePreparedStatementsUnlessSetOtherwise() {
        DatabaseSettings pooled = DatabaseSettings.builder().url(POOLER).transactionPooler(true).build();
        assertThat(pooled.statementCacheSize()).isEqualTo(OptionalInt.of(0));
        // PgBouncer 1.21+ tracks prepared statements (max_prepared_statements): an explicit size wins.
        assertThat(pooled.toBuilder().statementCacheSize(100).build().statementCacheSize()).isEqualTo(OptionalInt.of(100));
    }

    @Test
    void migrationSettingsConnectToTheServerItselfWithoutThePooler() {
        DatabaseSettings pooled = DatabaseSettings.builder().url(POOLER).user("stratum").password("s3cret")
                .transactionPooler(true).migrationUrl(SERVER).build();
        DatabaseSettings migrations = pooled.forMigrations();
        assertThat(migrations.url()).isEqualTo(SERVER);
        assertThat(migrations.transactionPooler()).isFalse();
        assertThat(migrations.migrationUrlSet()).isFalse();
        assertThat(migrations.user()).contains("stratum");
        assertThat(migrations.password()).contains("s3cret");
    }

    @Test
    void badValuesAreConfigurationErrorsAndSecretsInTheMigrationUrlAreNeverShown() {
        assertThatThrownBy(() -> DatabaseSettings.builder().url(SERVER).migrationUrl("postgres://127.0.0.1/x").build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("STRATUM_DATABASE_MIGRATION_URL").hasMessageContaining("is not a JDBC URL");
        assertThatThrownBy(() -> DatabaseSettings.fromSources(Map.of("STRATUM_DATABASE_STATEMENT_CACHE_SIZE", "-1"),
                new Properties())).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("STRATUM_DATABASE_STATEMENT_CACHE_SIZE (environment variable) = '-1' is out of range")
                .hasMessageContaining("a whole number from 0 to 100000");
        assertThatThrownBy(() -> DatabaseSettings.builder().url(SERVER).preparedStatementCacheSize(-3).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("prepared_statement_cache_size");
        DatabaseSettings secret = DatabaseSettings.builder().url(POOLER)
                .migrationUrl(SERVER + "?user=stratum&password=hunter2").build();
        assertThat(secret.toString()).doesNotContain("hunter2").contains("migrationUrl=");
    }
}
