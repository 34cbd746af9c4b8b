package io.stratum.cli.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratum.cli.ExitCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI against a read-only standby and through multi-host URLs. The standby is a private cluster
 * ({@code initdb} in a temporary directory, its own 127.0.0.1 port) started with {@code standby.signal}:
 * in recovery, read-only, as a streaming replica is; the machine's shared server is not touched. Run as
 * root, the server binaries run as the OS user postgres; the cluster is removed afterwards.
 */
class StandbyPostgresIT {
    private static Path directory;
    private static Path bin;
    private static int port;

    @TempDir
    Path home;

    @BeforeAll
    static void startStandby() throws Exception {
        bin = binaries();
        directory = Files.createTempDirectory("stratum-cli-standby-");
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            run(List.of("chown", "postgres:postgres", directory.toString()));
        }
        port = Ports.closed();
        Path data = directory.resolve("data");
        run(command(root, bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "-A", "trust",
                "-E", "UTF8", "--locale=C", "--no-sync"));
        Files.writeString(data.resolve("postgresql.conf"), "\nport = " + port + "\nlisten_addresses = '127.0.0.1'\n"
                // max_connections stays initdb's: a hot standby refuses to start below the value in the control file.
                + "unix_socket_directories = '" + directory + "'\nshared_buffers = 16MB\n",
                StandardOpenOption.APPEND);
        // In recovery from the first start, with no primary to stream from: a read-only standby.
        run(command(root, "touch", data.resolve("standby.signal").toString()));
        try {
            run(command(root, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                    directory.resolve("server.log").toString(), "-w", "-t", "60", "start"));
        } catch (IllegalStateException e) {
            Path log = directory.resolve("server.log");
            throw new IllegalStateException(e.getMessage() + "\n" + (Files.exists(log) ? Files.readString(log) : ""), e);
        }
    }

    @AfterAll
    static void removeStandby() throws IOException {
        if (directory == null) {
            return;
        }
        Path data = directory.resolve("data");
        if (Files.exists(data.resolve("postmaster.pid"))) {
            boolean root = "root".equals(System.getProperty("user.name"));
            run(command(root, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"));
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private Distribution stratum(String url) {
        return Distribution.built().env("STRATUM_HOME", home.toString()).env("STRATUM_DATABASE_URL", url)
                .env("STRATUM_DATABASE_USER", "postgres").env("STRATUM_DATABASE_PASSWORD", "standby-secret");
    }

    @Test
    void upgradeOnTheStandbyIsRefusedWithOneLineBeforeItStarts() {
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        Distribution.Result upgrade = stratum(url).run("database", "upgrade", "-y").exits(ExitCode.CONFIGURATION);
        assertThat(upgrade.err().strip().lines().toList()).as(upgrade.toString()).hasSize(1).first().asString()
                .startsWith("Error: Cannot upgrade the schema on " + url + ": the server is a read-only standby in "
                        + "recovery (pg_is_in_recovery() is true)")
                .contains("targetServerType=primary").endsWith("Nothing was started or changed.");
        assertThat(upgrade.all()).doesNotContain("SEVERE", "read-only transaction", "standby-secret");
        assertThat(stratum(url).run("database", "current").exits(ExitCode.OK).out().strip())
                .as("reading the revision works on a standby").isEqualTo("base");
    }

    @Test
    void multiHostUrlsWorkAndMessagesNameEveryHost() {
        int closed = Ports.closed();
        String any = "jdbc:postgresql://127.0.0.1:" + closed + ",127.0.0.1:" + port + "/postgres";
        assertThat(stratum(any).run("database", "current").exits(ExitCode.OK).out().strip())
                .as("the driver skips the host that refuses and reads from the next").isEqualTo("base");

        String primary = any + "?targetServerType=primary";
        Distribution.Result check = stratum(primary).run("database", "check").exits(ExitCode.UNREACHABLE);
        assertThat(check.err().strip().lines().toList()).as(check.toString()).hasSize(1).first().asString()
                .contains("Database " + primary + " is unreachable as user postgres")
                .doesNotContain("standby-secret");
    }

    private static List<String> command(boolean root, String... command) {
        List<String> full = new ArrayList<>();
        if (root) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        return full;
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " failed: " + new String(output));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path binaries() throws IOException {
        String fromEnvironment = System.getenv("PG_BINDIR");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Path.of(fromEnvironment);
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(dir -> Files.isExecutable(dir.resolve("initdb")))
                    .max(Comparator.comparing(dir -> Double.parseDouble(dir.getParent().getFileName().toString())))
                    .orElseThrow(() -> new AssertionError("PostgreSQL's server binaries were not found under "
                            + "/usr/lib/postgresql/<version>/bin or PG_BINDIR: install postgresql (CI installs it)."));
        }
    }
}
