package io.stratum.it;

import io.stratum.api.DatabaseSettings;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;

class LoggingPostgresTest extends LoggingContract {
    /** A role of this test only: the suite's own password ("postgres") is also the user's name. */
    private final String role = "stratum_log_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
            .toLowerCase(Locale.ROOT);
    private boolean roleCreated;

    @Override
    TestDatabase newDatabase() {
        return new PostgresTestDatabase();
    }

    @Override
    DatabaseSettings.Builder settingsWithPassword(String secret) throws Exception {
        PostgresTestDatabase postgres = (PostgresTestDatabase) database;
        try (Connection admin = PostgresTestDatabase.admin(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + secret + "'");
            roleCreated = true;
            statement.execute("ALTER DATABASE " + postgres.name() + " OWNER TO " + role);
        }
        return database.settings().user(role).password(secret);
    }

    /** The role owns the database and its objects, so it goes after the database. */
    @AfterEach
    @Override
    void dropDatabase() {
        super.dropDatabase();
        if (roleCreated) {
            try (Connection admin = PostgresTestDatabase.admin(); Statement statement = admin.createStatement()) {
                statement.execute("DROP ROLE " + role);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("Could not drop test role " + role + ": " + e.getMessage(), e);
            }
        }
    }
}
