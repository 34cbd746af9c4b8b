package io.stratum.cli.dist;

import static io.stratum.cli.ExitCode.CONFIGURATION;
import static io.stratum.cli.ExitCode.OK;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stratum database upgrade} through PgBouncer in transaction mode (a PgBouncer of the test's own on
 * a free loopback port, as user postgres, in front of the test server): refused with one clear line and
 * exit 6 before anything is applied — told of the pooler ({@code STRATUM_DATABASE_TRANSACTION_POOLER}) or
 * finding it out (a PgBouncer that drops the {@code options} parameter) — and applied with
 * {@code STRATUM_DATABASE_MIGRATION_URL} pointing at the server. (The integration tests' {@code
 * io.stratum.it.PgBouncer} does the same for the library; the CLI's tests do not depend on that module.)
 */
class PgBouncerIT {
    private static final String ADMIN_URL = PostgresDistributionIT.ADMIN_URL;
    private static final String USER = PostgresDistributionIT.USER;
    private static final String PASSWORD = System.getenv().getOrDefault("STRATUM_TEST_POSTGRES_PASSWORD", "postgres");

    @TempDir
    Path dir;

    private String name;
    private String direct;

    @BeforeEach
    void createDatabase() throws SQLException {
        assertThat(ADMIN_URL).startsWith("jdbc:postgresql://127.0.0.1:");
        name = "cli_pgb_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        admin("CREATE DATABASE " + name);
        direct = ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + name;
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    @Test
    void upgradeThroughThePoolerIsRefusedAndRunsWithMigrationUrl() throws Exception {
        try (Bouncer bouncer = new Bouncer(dir.resolve("pgbouncer"), "extra_float_digits")) {
            Distribution stratum = stratum(bouncer.url(name)).env("STRATUM_DATABASE_TRANSACTION_POOLER", "true");
            Distribution.Result refused = stratum.run("database", "upgrade", "-y").exits(CONFIGURATION);
            assertThat(refused.err().strip().lines()).hasSize(1);
            assertThat(refused.err()).contains("Migrations refused", "STRATUM_DATABASE_MIGRATION_URL")
                    .doesNotContain("Exception", PASSWORD + "@");
            assertThat(historyTable()).isNull();
            // reset drops first: refused before anything is dropped, too.
            stratum.run("database", "reset", "-y").exits(CONFIGURATION);

            stratum.env("STRATUM_DATABASE_MIGRATION_URL", direct);
            Distribution.Result upgrade = stratum.run("database", "upgrade", "-y").exits(OK);
            assertThat(upgrade.out()).contains("Upgrading the database at " + direct, "Migrations succeeded!");
            assertThat(historyTable()).isNotNull();
            assertThat(stratum.run("database", "check").exits(OK).out()).contains("up to date");
        }
    }

    @Test
    void aPoolerThatDropsTheOptionsParameterIsFoundOutAndTheUpgradeRefused() throws Exception {
        try (Bouncer bouncer = new Bouncer(dir.resolve("pgbouncer"), "extra_float_digits,options")) {
            Distribution.Result refused = stratum(bouncer.url(name)).run("database", "upgrade", "-y").exits(CONFIGURATION);
            assertThat(refused.err().strip().lines()).hasSize(1);
            assertThat(refused.err()).contains("leads through a transaction-mode connection pooler", "Nothing was applied",
                    "STRATUM_DATABASE_MIGRATION_URL");
            assertThat(historyTable()).isNull();
        }
    }

    private Distribution stratum(String url) {
        return Distribution.built().env("STRATUM_HOME", dir.resolve("home").toString())
                .env("STRATUM_DATABASE_URL", url).env("STRATUM_DATABASE_USER", USER)
                .env("STRATUM_DATABASE_PASSWORD", PASSWORD);
    }

    private String historyTable() throws SQLException {
        try (Connection connection = DriverManager.getConnection(direct, login()); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT to_regclass('stratum_schema_history')::text")) {
            row.next();
            return row.getString(1);
        }
    }

    private static void admin(String sql) throws SQLException {
        try (Connection admin = DriverManager.getConnection(ADMIN_URL, login()); Statement statement = admin.createStatement()) {
            statement.execute(sql);
        }
    }

    private static Properties login() {
        Properties login = new Properties();
        login.setProperty("user", USER);
        login.setProperty("password", PASSWORD);
        return login;
    }

    /** PgBouncer in transaction mode on a free 127.0.0.1 port; stopped by its pid file's pid, directory removed. */
    private static final class Bouncer implements AutoCloseable {
        private final Path directory;
        private final int port;
        private Long pid;

        Bouncer(Path directory, String ignoreStartupParameters) throws IOException, InterruptedException {
            this.directory = Files.createDirectories(directory);
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                port = socket.getLocalPort();
            }
            java.net.URI server = java.net.URI.create(ADMIN_URL.substring("jdbc:".length()));
            Path users = directory.resolve("userlist.txt");
            Files.writeString(users, "\"" + USER + "\" \"" + PASSWORD + "\"\n");
            Path ini = directory.resolve("pgbouncer.ini");
            Path pidFile = directory.resolve("pgbouncer.pid");
            Files.writeString(ini, String.join("\n", "[databases]", "* = host=" + server.getHost() + " port="
                            + (server.getPort() < 0 ? 5432 : server.getPort()), "[pgbouncer]", "listen_addr = 127.0.0.1",
                    "listen_port = " + port, "unix_socket_dir =", "auth_type = scram-sha-256", "auth_file = " + users,
                    "pool_mode = transaction", "ignore_startup_parameters = " + ignoreStartupParameters,
                    "logfile = " + directory.resolve("pgbouncer.log"), "pidfile = " + pidFile, ""));
            boolean root = "root".equals(System.getProperty("user.name"));
            List<String> command = new ArrayList<>();
            if (root) {
                // PgBouncer refuses to run as root.
                run(List.of("chown", "-R", "postgres:postgres", directory.getParent().toString()));
                command.addAll(List.of("runuser", "-u", "postgres", "--"));
            }
            command.addAll(List.of("/usr/sbin/pgbouncer", "-d", ini.toString()));
            try {
                run(command);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (pid == null || !listening()) {
                    if (pid == null && Files.exists(pidFile) && !Files.readString(pidFile).isBlank()) {
                        pid = Long.parseLong(Files.readString(pidFile).strip());
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("PgBouncer did not start: " + Files.readString(
                                directory.resolve("pgbouncer.log")));
                    }
                    Thread.sleep(20);
                }
            } catch (IOException | InterruptedException | RuntimeException e) {
                close();
                throw e;
            }
        }

        String url(String database) {
            return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
        }

        private boolean listening() {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 200);
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        private static void run(List<String> command) throws IOException, InterruptedException {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(command + " finished").isTrue();
            String output = new String(process.getInputStream().readAllBytes());
            assertThat(process.exitValue()).as(command + ": " + output).isZero();
        }

        @Override
        public void close() throws IOException {
            if (pid != null) {
                ProcessHandle.of(pid).ifPresent(process -> {
                    process.destroy();
                    try {
                        process.onExit().get(10, TimeUnit.SECONDS);
                    } catch (Exception notYet) {
                        process.destroyForcibly();
                    }
                });
                pid = null;
            }
            try (Stream<Path> paths = Files.walk(directory)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
