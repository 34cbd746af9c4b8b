package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.api.ConfigurationException;
import io.stratum.api.DatabaseInterface;
import io.stratum.api.Stratum;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Stratum behind PgBouncer 1.18 in transaction mode with only {@code ignore_startup_parameters =
 * extra_float_digits}: {@code url} through the pooler with {@code transaction_pooler} (so
 * {@code statement_cache_size} 0), {@code migration_url} the server itself. The behaviour suite's claims,
 * transitions, bulk writes and slot leases run through it unchanged (the nested classes are those
 * contracts on a pooled database); the statement timeout holds; migrations through the pooler are
 * refused before anything is applied.
 */
class PgBouncerPostgresTest {
    private static PgBouncer pgbouncer;

    @BeforeAll
    static void startPgBouncer() {
        pgbouncer = new PgBouncer();
    }

    @AfterAll
    static void stopPgBouncer() {
        if (pgbouncer != null) {
            pgbouncer.close();
        }
    }

    @Nested
    class Transitions extends TransitionsContract {
        /** As TransitionsPostgresTest: commits without waiting for the disk (thousands of short transactions). */
        @Override
        TestDatabase newDatabase() {
            return pgbouncer.pooledDatabase(TransitionsPostgresTest.withoutSynchronousCommit(new PostgresTestDatabase()));
        }

        @Override
        java.util.List<String> transitionStatements() {
            return new TransitionsPostgresTest().transitionStatements();
        }

        @Override
        boolean aloneIsOneStatementInAutocommit() {
            return true;
        }
    }

    /** Batches of transitions with the settings of their kept plan around them, on unnamed statements only. */
    @Nested
    class BulkTransitions extends BulkTransitionsContract {
        @Override
        TestDatabase newDatabase() {
            return pgbouncer.pooledDatabase(TransitionsPostgresTest.withoutSynchronousCommit(new PostgresTestDatabase()));
        }

        @Override
        java.util.List<String> bulkStatements() {
            return new BulkTransitionsPostgresTest().bulkStatements();
        }
    }

    @Nested
    class Claims extends WorkerPollingPostgresTest {
        @Override
        TestDatabase newDatabase() {
            return pgbouncer.pooledDatabase();
        }
    }

    @Nested
    class BulkWrites extends BulkWritesPostgresTest {
        @Override
        TestDatabase newDatabase() {
            return pgbouncer.pooledDatabase();
        }
    }

    @Nested
    class SlotLeases extends ConcurrencyLimitsPostgresTest {
        @Override
        TestDatabase newDatabase() {
            return pgbouncer.pooledDatabase();
        }
    }

    @Test
    void statementTimeoutHoldsInEveryTransactionThroughThePooler() {
        try (TestDatabase database = pgbouncer.pooledDatabase();
             DatabaseInterface db = Stratum.open(database.settings().migrateOnStart(true).timeout(Duration.ofSeconds(1))
                     .build())) {
            // Several transactions in a row on the pool's connections: each gets the settings again, whichever
            // server session PgBouncer hands it.
            for (int i = 0; i < 5; i++) {
                Object settings = db.inTransaction(session -> session.createNativeQuery(
                        "SELECT current_setting('statement_timeout') || ' ' || current_setting('jit')").getSingleResult());
                assertThat(settings).isEqualTo("1s off");
            }
            long start = System.nanoTime();
            assertThatThrownBy(() -> db.inTransaction(session -> session.createNativeQuery("SELECT pg_sleep(5)")
                    .getSingleResult())).satisfies(error -> assertThat(sqlStates(error)).contains("57014"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
            // Also in a for-update transaction (the claims' kind).
            assertThatThrownBy(() -> db.inTransactionForUpdate(session -> session.createNativeQuery("SELECT pg_sleep(5)")
                    .getSingleResult())).satisfies(error -> assertThat(sqlStates(error)).contains("57014"));
        }
    }

    @Test
    void sessionSettingsEndWithTheTransactionAndNeverReachOtherClientsOfThePooler() throws SQLException {
        try (TestDatabase database = pgbouncer.pooledDatabase();
             DatabaseInterface db = Stratum.open(database.settings().migrateOnStart(true).timeout(Duration.ofSeconds(7))
                     .poolSize(1).maxOverflow(0).build())) {
            db.inTransaction(session -> session.createNativeQuery("SELECT 1").getSingleResult());
            String name = database.settings().build().url();
            // A plain client of the same PgBouncer database: the server sessions Stratum used carry no setting of it.
            Properties login = new Properties();
            login.setProperty("user", PostgresTestDatabase.USER);
            login.setProperty("password", PostgresTestDatabase.PASSWORD);
            login.setProperty("prepareThreshold", "0");
            try (Connection other = DriverManager.getConnection(name, login); Statement statement = other.createStatement()) {
                for (int i = 0; i < 3; i++) {
                    try (ResultSet row = statement.executeQuery("SELECT current_setting('statement_timeout')")) {
                        row.next();
                        assertThat(row.getString(1)).isEqualTo("0");
                    }
                }
            }
        }
    }

    @Test
    void notToldOfThePoolerTheFirstSessionSaysWhichSettingToUse() {
        // PgBouncer refuses the options parameter a direct connection carries: a configuration error naming
        // transaction_pooler, never "unreachable, retry".
        try (PostgresTestDatabase database = new PostgresTestDatabase();
             DatabaseInterface db = Stratum.open(database.settings().url(pgbouncer.url(database.name())).build())) {
            assertThatThrownBy(() -> db.inTransaction(session -> session.createNativeQuery("SELECT 1").getSingleResult()))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("unsupported startup parameter: options")
                    .hasMessageContaining("STRATUM_DATABASE_TRANSACTION_POOLER=true");
            assertThat(db.isDbConnectable()).isFalse();
        }
    }

    @Test
    void migrationsThroughTheTransactionPoolerAreRefusedBeforeConnecting() throws SQLException {
        try (TestDatabase database = pgbouncer.pooledDatabase()) {
            assertThatThrownBy(() -> Stratum.open(database.settings().migrationUrl(null).migrateOnStart(true).build()))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("Migrations refused")
                    .hasMessageContaining("STRATUM_DATABASE_MIGRATION_URL");
            assertThat(historyTable(database)).isNull();
        }
    }

    @Test
    void aTransactionPoolerThatDropsTheOptionsParameterIsDetectedAndMigrationsRefused() throws SQLException {
        // The operator's usual answer to "unsupported startup parameter: options": ignoring it. Stratum is not
        // told of the pooler; the migration lock finds it out before anything is applied.
        try (PgBouncer ignoringOptions = new PgBouncer("extra_float_digits,options");
             PostgresTestDatabase database = new PostgresTestDatabase()) {
            assertThatThrownBy(() -> Stratum.open(database.settings().url(ignoringOptions.url(database.name()))
                    .migrateOnStart(true).build()))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("transaction-mode connection pooler")
                    .hasMessageContaining("Nothing was applied")
                    .hasMessageContaining("STRATUM_DATABASE_MIGRATION_URL");
            assertThat(historyTable(database)).isNull();
            // The application's pool finds out too, at its first connection: the statement timeout it sent in
            // options is not what the server reports.
            try (DatabaseInterface db = Stratum.open(database.settings().url(ignoringOptions.url(database.name()))
                    .build())) {
                assertThatThrownBy(() -> db.inTransaction(session -> session.createNativeQuery("SELECT 1").getSingleResult()))
                        .isInstanceOf(ConfigurationException.class)
                        .hasMessageContaining("did not reach the server")
                        .hasMessageContaining("statement_timeout = 0")
                        .hasMessageContaining("STRATUM_DATABASE_TRANSACTION_POOLER=true");
            }
        }
    }

    @Test
    void withMigrationUrlMigrationsRunOnTheServerAndTheApplicationUsesThePooler() throws SQLException {
        try (TestDatabase database = pgbouncer.pooledDatabase();
             DatabaseInterface db = Stratum.open(database.settings().migrateOnStart(true).build())) {
            assertThat(historyTable(database)).isNotNull();
            assertThat(db.migrations().status().state()).isEqualTo(io.stratum.api.SchemaStatus.State.UP_TO_DATE);
            // The application's sessions go through PgBouncer: the server sees them coming from its address, as
            // connections PgBouncer opened (their client port is not the JVM's).
            assertThat(db.settings().url()).contains(":" + pgbouncer.port() + "/");
            assertThat(db.inTransaction(session -> session.createNativeQuery("SELECT count(*) FROM flow_run")
                    .getSingleResult()).toString()).isEqualTo("0");
        }
    }

    private static String historyTable(TestDatabase database) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT to_regclass('stratum_schema_history')::text")) {
            row.next();
            return row.getString(1);
        }
    }

    private static java.util.List<String> sqlStates(Throwable error) {
        java.util.List<String> states = new java.util.ArrayList<>();
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                states.add(((SQLException) t).getSQLState());
            }
        }
        return states;
    }
}
