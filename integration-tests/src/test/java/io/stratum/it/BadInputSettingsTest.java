package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratum.api.ConfigurationException;
import io.stratum.api.DatabaseSettings;
import io.stratum.api.DialectNotFoundException;
import io.stratum.api.Stratum;
import io.stratum.it.BadInputContract.Case;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Bad settings and URLs that need no database: each goes all the way through
 * {@code Stratum.open}, fails with its exact error, and leaves the home folder (where the
 * SQLite default would be created) and the configured database folder empty. Settings come from the
 * builder, the environment ({@code STRATUM_DATABASE_*}) and system properties ({@code stratum.database.*}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputSettingsTest {
    private final Path home = temporaryFolder("stratum-bad-settings-home-");
    private final Path folder = temporaryFolder("stratum-bad-settings-db-");
    private final String sqliteUrl = "jdbc:sqlite:" + folder.resolve("stratum.db");

    @AfterAll
    void removeFolders() throws IOException {
        for (Path path : List.of(home, folder)) {
            try (Stream<Path> paths = Files.walk(path)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Opens with settings from the builder, starting from a valid SQLite configuration. */
    private Case builder(String name, List<String> says, UnaryOperator<DatabaseSettings.Builder> change) {
        return builder(name, ConfigurationException.class, says, change);
    }

    private Case builder(String name, Class<? extends Throwable> type, List<String> says,
                         UnaryOperator<DatabaseSettings.Builder> change) {
        return new Case(name + " (builder)", type, says, List.of(), () -> Stratum.open(
                change.apply(DatabaseSettings.builder().home(home).url(sqliteUrl)).build()), this::files);
    }

    /** Opens with settings from environment variables (and the valid SQLite URL unless given). */
    private Case environment(String name, List<String> says, Map<String, String> variables) {
        return new Case(name + " (environment " + String.join(", ", variables.keySet()) + ")", ConfigurationException.class,
                says, List.of(), () -> {
                    Map<String, String> environment = new java.util.HashMap<>(Map.of("STRATUM_HOME", home.toString(),
                            "STRATUM_DATABASE_URL", sqliteUrl));
                    environment.putAll(variables);
                    return Stratum.open(DatabaseSettings.fromSources(environment, new Properties()));
                }, this::files);
    }

    /** Opens with settings from system properties, which win over the environment's valid values. */
    private Case property(String name, List<String> says, String property, String value) {
        return new Case(name + " (system property " + property + ")", ConfigurationException.class, says, List.of(), () -> {
            Properties properties = new Properties();
            properties.setProperty(property, value);
            return Stratum.open(DatabaseSettings.fromSources(Map.of("STRATUM_HOME", home.toString(),
                    "STRATUM_DATABASE_URL", sqliteUrl, "STRATUM_DATABASE_POOL_SIZE", "5"), properties));
        }, this::files);
    }

    @TestFactory
    Stream<DynamicTest> catalogue() {
        List<Case> cases = new ArrayList<>(List.of(
                builder("empty URL", List.of("STRATUM_DATABASE_URL is empty", "jdbc:sqlite:", "jdbc:postgresql://"),
                        b -> b.url("   ")),
                environment("empty URL", List.of("STRATUM_DATABASE_URL is empty"), Map.of("STRATUM_DATABASE_URL", "")),
                builder("URL without the jdbc: prefix", List.of("'postgresql://127.0.0.1:5432/stratum' is not a JDBC URL",
                        "jdbc:postgresql://<host>:<port>/<database>"), b -> b.url("postgresql://127.0.0.1:5432/stratum")),
                builder("a file path instead of a URL", List.of("is not a JDBC URL", "jdbc:sqlite:<file>"),
                        b -> b.url(folder.resolve("stratum.db").toString())),
                builder("unknown scheme", DialectNotFoundException.class, List.of("URL scheme 'jdbc:mysql:'",
                        "is not supported", "stratum-dialect-postgres", "stratum-dialect-sqlite"),
                        b -> b.url("jdbc:mysql://127.0.0.1:3306/stratum")),
                new Case("unknown scheme with a password in the URL (builder)", DialectNotFoundException.class,
                        List.of("jdbc:oracle:", "password=***"), List.of("hunter2"), () -> Stratum.open(
                                DatabaseSettings.builder().home(home).url("jdbc:oracle:thin:@127.0.0.1:1521/x?password=hunter2")
                                        .build()), this::files),
                builder("zero pool size", List.of("Setting pool_size (DatabaseSettings.Builder, or STRATUM_DATABASE_POOL_SIZE) = '0' is out of range",
                        "a whole number from 1 to 10000"), b -> b.poolSize(0)),
                environment("negative pool size", List.of("STRATUM_DATABASE_POOL_SIZE (environment variable) = '-3' is out of range", "from 1 to 10000"),
                        Map.of("STRATUM_DATABASE_POOL_SIZE", "-3")),
                property("zero pool size", List.of("stratum.database.pool_size (system property) = '0' is out of range", "from 1 to 10000"),
                        "stratum.database.pool_size", "0"),
                environment("pool size that is not a number", List.of("STRATUM_DATABASE_POOL_SIZE (environment variable) = 'five' is not a whole number", "from 1 to 10000"),
                        Map.of("STRATUM_DATABASE_POOL_SIZE", "five")),
                builder("negative max overflow", List.of("max_overflow (DatabaseSettings.Builder, or STRATUM_DATABASE_MAX_OVERFLOW) = '-1' is out of range", "from 0 to 10000"),
                        b -> b.maxOverflow(-1)),
                property("negative max overflow", List.of("stratum.database.max_overflow (system property) = '-2' is out of range", "from 0 to 10000"),
                        "stratum.database.max_overflow", "-2"),
                builder("zero pool timeout", List.of("pool_timeout (DatabaseSettings.Builder, or STRATUM_DATABASE_POOL_TIMEOUT) = '0 s' is out of range",
                        "a number of seconds, more than 0 to 2147483"),
                        b -> b.poolTimeout(Duration.ZERO)),
                environment("negative pool timeout", List.of("STRATUM_DATABASE_POOL_TIMEOUT (environment variable) = '-5' is out of range", "more than 0 to 2147483"),
                        Map.of("STRATUM_DATABASE_POOL_TIMEOUT", "-5")),
                builder("negative statement timeout", List.of("timeout (DatabaseSettings.Builder, or STRATUM_DATABASE_TIMEOUT) = '-1 s' is out of range"),
                        b -> b.timeout(Duration.ofSeconds(-1))),
                environment("statement timeout that is not a number", List.of("STRATUM_DATABASE_TIMEOUT (environment variable) = 'ten' is not a number of seconds", "Use a value such as 10"),
                        Map.of("STRATUM_DATABASE_TIMEOUT", "ten")),
                property("zero connection timeout", List.of("stratum.database.connection_timeout (system property) = '0' is out of range", "more than 0"),
                        "stratum.database.connection_timeout", "0"),
                builder("missing connection timeout", List.of("connection_timeout (DatabaseSettings.Builder, or STRATUM_DATABASE_CONNECTION_TIMEOUT) is missing"),
                        b -> b.connectionTimeout(null)),
                environment("negative pool recycle", List.of("STRATUM_DATABASE_POOL_RECYCLE (environment variable) = '-1' is out of range",
                        "from 0 to 2147483", "0 = never"), Map.of("STRATUM_DATABASE_POOL_RECYCLE", "-1")),
                builder("negative leak timeout", List.of("leak_timeout (DatabaseSettings.Builder, or STRATUM_DATABASE_LEAK_TIMEOUT) = '-2 s' is out of range", "0 = off"),
                        b -> b.leakTimeout(Duration.ofSeconds(-2))),
                environment("zero migration timeout", List.of("STRATUM_DATABASE_MIGRATION_TIMEOUT (environment variable) = '0' is out of range", "more than 0"),
                        Map.of("STRATUM_DATABASE_MIGRATION_TIMEOUT", "0")),
                environment("boolean that is not one", List.of("STRATUM_DATABASE_ECHO (environment variable) = 'maybe' is not a boolean", "true or false"),
                        Map.of("STRATUM_DATABASE_ECHO", "maybe")),
                environment("read_only that is not a boolean", List.of("STRATUM_DATABASE_READ_ONLY (environment variable) = 'ro' is not a boolean"),
                        Map.of("STRATUM_DATABASE_READ_ONLY", "ro")),
                property("allow_symlinks that is not a boolean",
                        List.of("stratum.database.allow_symlinks (system property) = 'sometimes' is not a boolean"),
                        "stratum.database.allow_symlinks", "sometimes"),
                environment("infinite timeout", List.of("STRATUM_DATABASE_TIMEOUT (environment variable) = 'Infinity' is not a number of seconds"),
                        Map.of("STRATUM_DATABASE_TIMEOUT", "Infinity")),
                // Issue 13: these were reported as "unreachable" with a NumberFormatException text.
                environment("timeout beyond the largest", List.of("STRATUM_DATABASE_TIMEOUT (environment variable) = "
                        + "'99999999999999' is out of range", "timeout takes a number of seconds, more than 0 to 2147483"),
                        Map.of("STRATUM_DATABASE_TIMEOUT", "99999999999999")),
                environment("timeout that is letters", List.of("STRATUM_DATABASE_TIMEOUT (environment variable) = 'abc' "
                        + "is not a number of seconds"), Map.of("STRATUM_DATABASE_TIMEOUT", "abc")),
                property("negative timeout", List.of("stratum.database.timeout (system property) = '-1' is out of range"),
                        "stratum.database.timeout", "-1"),
                environment("pool size beyond int", List.of("STRATUM_DATABASE_POOL_SIZE (environment variable) = "
                        + "'99999999999' is out of range"), Map.of("STRATUM_DATABASE_POOL_SIZE", "99999999999")),
                environment("connection timeout beyond the largest", List.of("STRATUM_DATABASE_CONNECTION_TIMEOUT "
                        + "(environment variable) = '1e12' is out of range"), Map.of("STRATUM_DATABASE_CONNECTION_TIMEOUT", "1e12")),
                builder("pool timeout beyond the largest", List.of("pool_timeout (DatabaseSettings.Builder, or "
                        + "STRATUM_DATABASE_POOL_TIMEOUT) = '3000000 s' is out of range"),
                        b -> b.poolTimeout(Duration.ofSeconds(3_000_000)))));
        assertThat(cases.size()).isGreaterThanOrEqualTo(20);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> BadInputContract.check(c)));
    }

    /** The files under the home folder and the database folder: there must never be any. */
    private Object files() {
        List<String> found = new ArrayList<>();
        for (Path path : List.of(home, folder)) {
            try (Stream<Path> paths = Files.walk(path)) {
                paths.filter(p -> !p.equals(path)).forEach(p -> found.add(p.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertThat(found).as("files created").isEmpty();
        return found;
    }

    private static Path temporaryFolder(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
