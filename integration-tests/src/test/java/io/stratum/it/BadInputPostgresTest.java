package io.stratum.it;

import io.stratum.api.ConfigurationException;
import io.stratum.api.DatabaseInterface;
import io.stratum.api.DatabaseSettings;
import io.stratum.api.DatabaseUnavailableException;
import io.stratum.api.Stratum;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** The bad-input catalogue on PostgreSQL, plus URLs, logins and servers that cannot work. */
class BadInputPostgresTest extends BadInputContract {
    private static final String SECRET = "pw-" + UUID.randomUUID();

    @Override
    TestDatabase newDatabase() {
        return new PostgresTestDatabase();
    }

    private static DatabaseSettings.Builder url(String url) {
        return DatabaseSettings.builder().url(url).user("postgres").password(SECRET).connectionTimeout(Duration.ofSeconds(3))
                .migrateOnStart(true);
    }

    @Override
    List<Case> dialectCases() throws Exception {
        String database = ((PostgresTestDatabase) this.database).url();
        int closedPort = DatabaseInterfaceContract.closedLoopbackPort();
        String unreachable = "jdbc:postgresql://127.0.0.1:" + closedPort + "/stratum";
        return List.of(
                bad("PostgreSQL URL without //host", ConfigurationException.class,
                        List.of("'jdbc:postgresql:stratum' is malformed", "jdbc:postgresql://<host>[:<port>]/<database>"),
                        () -> Stratum.open(url("jdbc:postgresql:stratum").build()), this::snapshot),
                bad("PostgreSQL URL without a host", ConfigurationException.class,
                        List.of("'jdbc:postgresql://' is malformed"),
                        () -> Stratum.open(url("jdbc:postgresql://").build()), this::snapshot),
                bad("PostgreSQL URL with a port that is not a number", ConfigurationException.class,
                        List.of("is malformed", "port (a number from 1 to 65535)"),
                        () -> Stratum.open(url("jdbc:postgresql://127.0.0.1:fivefourthreetwo/stratum").build()),
                        this::snapshot),
                bad("PostgreSQL URL with a port out of range", ConfigurationException.class,
                        List.of("127.0.0.1:70000", "is malformed"),
                        () -> Stratum.open(url("jdbc:postgresql://127.0.0.1:70000/stratum").build()), this::snapshot),
                new Case("unreachable port (nothing listens on it), at open", DatabaseUnavailableException.class,
                        List.of(unreachable, "refused", "retry"), List.of(SECRET),
                        () -> Stratum.open(url(unreachable).build()), this::snapshot),
                new Case("unreachable port, password in the URL, at first use", DatabaseUnavailableException.class,
                        List.of("jdbc:postgresql://127.0.0.1:" + closedPort + "/stratum?password=***", "refused", "retry"),
                        List.of(SECRET),
                        () -> {
                            try (DatabaseInterface lazy = Stratum.open(url(unreachable + "?password=" + SECRET)
                                    .migrateOnStart(false).build())) {
                                return lazy.inTransaction(session -> null);
                            }
                        }, this::snapshot),
                new Case("user that does not exist (the password must not appear)", ConfigurationException.class,
                        List.of("no_such_stratum_role", "refused the login", "STRATUM_DATABASE_USER", "STRATUM_DATABASE_PASSWORD"),
                        List.of(SECRET),
                        () -> Stratum.open(url(database).user("no_such_stratum_role").build()), this::snapshot),
                new Case("user that does not exist, at first use", ConfigurationException.class,
                        List.of("no_such_stratum_role", "refused the login", "STRATUM_DATABASE_USER"), List.of(SECRET),
                        () -> {
                            try (DatabaseInterface lazy = Stratum.open(url(database).user("no_such_stratum_role")
                                    .migrateOnStart(false).build())) {
                                return lazy.sessionContext(false, false, session -> null);
                            }
                        }, this::snapshot),
                bad("database that does not exist", ConfigurationException.class,
                        List.of("no_such_stratum_database", "does not exist", "STRATUM_DATABASE_URL"),
                        () -> Stratum.open(url(database.substring(0, database.lastIndexOf('/') + 1)
                                + "no_such_stratum_database").user(PostgresTestDatabase.USER)
                                .password(PostgresTestDatabase.PASSWORD).build()), this::snapshot),
                // Asking whether it can connect creates nothing: still a configuration error, and still no database.
                bad("database that does not exist, checkConnectable (isDbConnectable false)", ConfigurationException.class,
                        List.of("no_such_stratum_database", "does not exist", "STRATUM_DATABASE_URL"), () -> {
                            try (DatabaseInterface lazy = Stratum.open(url(database.substring(0,
                                    database.lastIndexOf('/') + 1) + "no_such_stratum_database").user(PostgresTestDatabase.USER)
                                    .password(PostgresTestDatabase.PASSWORD).migrateOnStart(false).build())) {
                                if (lazy.isDbConnectable()) {
                                    throw new AssertionError("isDbConnectable() said true for a database that does not exist");
                                }
                                lazy.checkConnectable();
                                return null;
                            }
                        }, this::databaseNames));
    }

    /** The names of the server's databases: asking about a missing one must not create it. */
    private Object databaseNames() throws java.sql.SQLException {
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        try (java.sql.Connection connection = database.connect(); java.sql.Statement statement = connection.createStatement();
             java.sql.ResultSet rows = statement.executeQuery("SELECT datname FROM pg_database")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }
}
