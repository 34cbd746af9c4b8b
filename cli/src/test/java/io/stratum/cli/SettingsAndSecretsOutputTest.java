package io.stratum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratum.cli.StratumTest.Run;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the CLI prints for bad settings, misspelt settings and passwords in URLs, in this JVM. Settings
 * come in as system properties ({@code stratum.database.*}), which the CLI reads like the variables.
 * Connections go to a loopback port nothing listens on.
 */
class SettingsAndSecretsOutputTest {

    @Test
    void aSettingOutOfRangeExitsSixNamingItsSourceValueAndRange() {
        Run run = withProperty("stratum.database.timeout", "99999999999999", "database", "check", "--url", "jdbc:sqlite::memory:");
        assertThat(run.exitCode()).isEqualTo(ExitCode.CONFIGURATION.code());
        assertThat(run.err()).startsWith("Error: Setting stratum.database.timeout (system property) = '99999999999999' "
                + "is out of range: timeout takes a number of seconds, more than 0 to 2147483").doesNotContain("NumberFormat");
        Run letters = withProperty("stratum.database.pool_size", "abc", "database", "current", "--url", "jdbc:sqlite::memory:");
        assertThat(letters.exitCode()).isEqualTo(ExitCode.CONFIGURATION.code());
        assertThat(letters.err()).contains("stratum.database.pool_size (system property) = 'abc' is not a whole number");
    }

    @Test
    void aMisspeltSettingWarnsAtDefaultVerbosityNamingTheClosest() {
        Run run = withProperty("stratum.database.conection_timeout", "3", "database", "current", "--url", "jdbc:sqlite::memory:");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).contains("WARNING io.stratum.api.UnknownSettings: stratum.database.conection_timeout is not a "
                + "Stratum setting; did you mean stratum.database.connection_timeout?");
    }

    @Test
    void passwordsInUrlsNeverReachTheOutputInAnyForm() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String host = "127.0.0.1:" + port;
        // Each: URL, its secret, the exit code, and the redacted URL the message shows.
        List<List<String>> forms = List.of(
                List.of("jdbc:postgresql://postgres:p@ss@" + host + "/db", "p@ss", "6", "jdbc:postgresql://postgres:***@" + host + "/db"),
                List.of("jdbc:postgresql://u:pa/ss@" + host + "/db", "pa/ss", "6", "jdbc:postgresql://u:***@" + host + "/db"),
                List.of("jdbc:postgresql://u:pa#ss@" + host + "/db", "pa#ss", "6", "jdbc:postgresql://u:***@" + host + "/db"),
                List.of("jdbc:postgresql://u:pa?ss@" + host + "/db", "pa?ss", "6", "jdbc:postgresql://u:***@" + host + "/db"),
                List.of("jdbc:postgresql://" + host + "/db?password=top secret value", "top secret value", "3",
                        "jdbc:postgresql://" + host + "/db?password=***"),
                List.of("jdbc:postgresql://" + host + "/db?user=u&password=s3cr%23t&ssl=false", "s3cr%23t", "3",
                        "jdbc:postgresql://" + host + "/db?user=u&password=***&ssl=false"),
                List.of("jdbc:postgresql://" + host + "/db?sslpassword=k3y%20pass&sslmode=disable", "k3y%20pass", "3",
                        "?sslpassword=***&sslmode=disable"),
                List.of("jdbc:postgresql://" + host + "/db/x?password=Upp3rCase", "Upp3rCase", "6",
                        "jdbc:postgresql://" + host + "/db/x?password=***"));
        for (List<String> form : forms) {
            for (String verbosity : List.of("-v", "-vv")) {
                Run run = StratumTest.run("database", "check", verbosity, "--url", form.get(0), "--user", "u");
                assertThat(run.exitCode()).as(form + " " + run).isEqualTo(Integer.parseInt(form.get(2)));
                assertThat(run.out() + run.err()).as(form.get(0)).doesNotContain(form.get(1)).contains(form.get(3));
            }
        }
    }

    @Test
    void withoutAUrlHostPortAndNameBuildTheUrlAndAreNeverIgnored() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        // Pieces without a driver: an error listing what is missing, not the SQLite default.
        Run noDriver = withProperties(java.util.Map.of("stratum.database.host", "127.0.0.1", "stratum.database.name",
                "prefect"), "database", "check");
        assertThat(noDriver.exitCode()).as(noDriver.toString()).isEqualTo(ExitCode.CONFIGURATION.code());
        assertThat(noDriver.err()).startsWith("Error: Missing required database connection settings: driver "
                + "(STRATUM_DATABASE_DRIVER). STRATUM_DATABASE_HOST, STRATUM_DATABASE_NAME are set but no "
                + "STRATUM_DATABASE_URL").contains("postgresql+asyncpg").doesNotContain("sqlite:/");
        Run missing = withProperties(java.util.Map.of("stratum.database.driver", "postgresql+asyncpg",
                "stratum.database.port", "5433"), "database", "check");
        assertThat(missing.exitCode()).isEqualTo(ExitCode.CONFIGURATION.code());
        assertThat(missing.err()).startsWith("Error: Missing required database connection settings: host "
                + "(STRATUM_DATABASE_HOST), user (STRATUM_DATABASE_USER), name (STRATUM_DATABASE_NAME).");
        // All pieces: the PostgreSQL URL they make is the one tried (nothing listens there: unreachable).
        Run built = withProperties(java.util.Map.of("stratum.database.driver", "postgresql", "stratum.database.host",
                "127.0.0.1", "stratum.database.port", Integer.toString(port), "stratum.database.name", "prefect",
                "stratum.database.user", "u", "stratum.database.password", "pieces-secret"), "database", "check");
        assertThat(built.exitCode()).as(built.toString()).isEqualTo(ExitCode.UNREACHABLE.code());
        assertThat(built.err()).startsWith("Database jdbc:postgresql://127.0.0.1:" + port + "/prefect is unreachable as "
                + "user u").doesNotContain("pieces-secret");
        Run unknown = withProperties(java.util.Map.of("stratum.database.driver", "mysql", "stratum.database.host",
                "127.0.0.1"), "database", "check");
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.CONFIGURATION.code());
        assertThat(unknown.err()).startsWith("Error: Unsupported database driver: 'mysql' (STRATUM_DATABASE_DRIVER). "
                + "The installed dialects take postgresql, postgresql+asyncpg, sqlite, sqlite+aiosqlite;");
    }

    private static Run withProperties(java.util.Map<String, String> properties, String... args) {
        java.util.Map<String, String> previous = new java.util.HashMap<>();
        properties.forEach((name, value) -> {
            previous.put(name, System.getProperty(name));
            System.setProperty(name, value);
        });
        try {
            return StratumTest.run(args);
        } finally {
            previous.forEach((name, value) -> {
                if (value == null) {
                    System.clearProperty(name);
                } else {
                    System.setProperty(name, value);
                }
            });
        }
    }

    private static Run withProperty(String property, String value, String... args) {
        String previous = System.getProperty(property);
        System.setProperty(property, value);
        try {
            return StratumTest.run(args);
        } finally {
            if (previous == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, previous);
            }
        }
    }
}
