package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.api.ConfigurationException;
import io.stratum.api.DatabaseInterface;
import io.stratum.api.DatabaseSettings;
import io.stratum.api.Stratum;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class ConnectionSettingsPostgresTest extends ConnectionSettingsContract {

    @Override
    TestDatabase newDatabase() {
        return new PostgresTestDatabase();
    }

    private PostgresTestDatabase postgres() {
        return (PostgresTestDatabase) database;
    }

    @Override
    DatabaseSettings.Builder fromParts() {
        URI server = URI.create(PostgresTestDatabase.ADMIN_URL.substring("jdbc:".length()));
        DatabaseSettings.Builder builder = DatabaseSettings.builder().driver("postgresql+asyncpg").host(server.getHost())
                .name(postgres().name()).user(PostgresTestDatabase.USER).password(PostgresTestDatabase.PASSWORD)
                .migrateOnStart(false);
        return server.getPort() > 0 ? builder.port(server.getPort()) : builder;
    }

    @Override
    String url() {
        URI server = URI.create(PostgresTestDatabase.ADMIN_URL.substring("jdbc:".length()));
        return "jdbc:postgresql://" + server.getHost() + ":" + (server.getPort() > 0 ? server.getPort() : 5432) + "/"
                + postgres().name();
    }

    @Test
    void theReferenceRequiresHostUserAndNameAndDefaultsThePort() {
        assertThatThrownBy(() -> DatabaseSettings.builder().driver("postgresql").build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Missing required database connection settings: host (STRATUM_DATABASE_HOST), "
                        + "user (STRATUM_DATABASE_USER), name (STRATUM_DATABASE_NAME).");
        assertThat(DatabaseSettings.builder().driver("postgresql").host("::1").user("u").name("my db").build().url())
                .isEqualTo("jdbc:postgresql://[::1]:5432/my%20db");
        assertThatThrownBy(() -> DatabaseSettings.builder().driver("postgresql").host("db/x?ssl=false").user("u")
                .name("d").build()).hasMessageContaining("is not a host name or address");
    }

    @Test
    void aSearchPathWhoseFirstSchemaIsMissingIsRefusedBeforeAnythingIsCreated() throws Exception {
        DatabaseSettings settings = database.settings().searchPath("missing, public").build();
        assertThatThrownBy(() -> Stratum.open(settings.toBuilder().migrateOnStart(true).build()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Schema missing, the first of search_path 'missing, public', does not exist in this database: "
                        + "the tables would go to schema public instead. Create it (CREATE SCHEMA missing), or fix "
                        + "STRATUM_DATABASE_SEARCH_PATH (or the URL's currentSchema).");
        DatabaseInterface db = open(settings);
        assertThatThrownBy(db::session).isInstanceOf(ConfigurationException.class).hasMessageContaining("Schema missing");
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet tables = statement.executeQuery("SELECT count(*) FROM information_schema.tables "
                     + "WHERE table_schema = 'public'")) {
            tables.next();
            assertThat(tables.getInt(1)).as("nothing created in public").isZero();
        }
    }

    @Test
    void searchPathAppliesToEveryConnectionAndMigrationsCreateTheSchemaThere() throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA app");
        }
        DatabaseInterface db = open(database.settings().searchPath("app, public").migrateOnStart(true).build());
        try (Connection connection = db.engine().dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet path = statement.executeQuery("SHOW search_path")) {
            path.next();
            assertThat(path.getString(1)).isEqualTo("app, public");
        }
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet tables = statement.executeQuery("SELECT table_schema, count(*) FROM information_schema.tables "
                     + "WHERE table_name IN ('flow', 'flow_run', 'stratum_schema_history') GROUP BY table_schema")) {
            assertThat(tables.next()).isTrue();
            assertThat(tables.getString(1)).isEqualTo("app");
            assertThat(tables.getInt(2)).isEqualTo(3);
            assertThat(tables.next()).as("nothing in public").isFalse();
        }
        assertThat(db.verifySchema().problems()).isEmpty();
        assertThatThrownBy(() -> Stratum.open(DatabaseSettings.builder().url(postgres().url() + "?currentSchema=other")
                .user(PostgresTestDatabase.USER).searchPath("app").migrateOnStart(false).build()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("search_path (STRATUM_DATABASE_SEARCH_PATH) = 'app' and the URL's currentSchema "
                        + "'other' disagree");
    }

    @Test
    void defaultTransactionIsolationInTheUrlIsTheSessionsSettingWhileStratumsTransactionsStayReadCommitted()
            throws Exception {
        DatabaseInterface db = open(database.settings().url(postgres().url() + "?default_transaction_isolation="
                + "serializable&default_transaction_isolation=repeatable%20read").build());
        try (Connection connection = db.engine().dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            try (ResultSet startup = statement.executeQuery("SELECT reset_val FROM pg_settings "
                    + "WHERE name = 'default_transaction_isolation'")) {
                startup.next();
                assertThat(startup.getString(1)).as("sent at connect; the last value wins").isEqualTo("repeatable read");
            }
        }
        String inTransaction = db.inTransaction(session -> (String) session
                .createNativeQuery("SELECT current_setting('transaction_isolation')").getSingleResult());
        assertThat(inTransaction).isEqualTo("read committed");
        assertThatThrownBy(() -> Stratum.open(database.settings().url(postgres().url()
                + "?default_transaction_isolation=snapshot").build()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("sets default_transaction_isolation to 'snapshot'; it takes read committed");
    }
}
