package io.stratum.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of the test's own: {@code initdb} into a temporary directory, listening on a
 * free port of 127.0.0.1 only (its Unix socket in the same directory), trust authentication, started
 * and stopped with {@code pg_ctl}. The machine's shared server is never touched. Run as root, the
 * server binaries run as the {@code postgres} OS user (PostgreSQL refuses to run as root) and the
 * directory is handed to that user.
 *
 * <p>The binaries are searched in {@code /usr/lib/postgresql/<version>/bin} (newest first) and
 * {@code PG_BINDIR}. When none is found the constructor fails (it never skips): the fault test needs
 * the PostgreSQL server package, which CI installs.
 */
final class FaultPrivateCluster implements AutoCloseable {
    static final String USER = "postgres";

    private final Path bin;
    private final Path directory;
    private final Path data;
    private final Path log;
    private final int port;
    private final boolean asRoot;
    private boolean initialised;

    FaultPrivateCluster() {
        bin = binaries();
        asRoot = isRoot();
        try {
            directory = Files.createTempDirectory("stratum-fault-pg-");
            data = directory.resolve("data");
            log = directory.resolve("server.log");
            if (asRoot) {
                FaultProcesses.runOrFail(List.of("chown", "-R", USER + ":" + USER, directory.toString()), 30);
            }
            port = freeLoopbackPort();
            FaultProcesses.runOrFail(command(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
                    "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"), 180);
            initialised = true;
            // Appended settings win over the defaults above them.
            String settings = "\n# stratum fault test\nport = " + port + "\nlisten_addresses = '127.0.0.1'\n"
                    + "unix_socket_directories = '" + directory + "'\nmax_connections = 40\nshared_buffers = 16MB\n"
                    + "logging_collector = off\n";
            Files.writeString(data.resolve("postgresql.conf"), settings, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    int port() {
        return port;
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/<database>}. */
    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Starts the server and waits until it accepts connections. */
    void start() {
        FaultProcesses.runOrFail(command(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", log.toString(),
                "-w", "-t", "120", "start"), 150);
    }

    /** Stops the server at once, as a crash would: no checkpoint, every connection cut. */
    void stopImmediately() {
        FaultProcesses.runOrFail(command(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate",
                "-w", "-t", "60", "stop"), 90);
    }

    /** The server's log, for failure messages. */
    String serverLog() {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no server log)";
        } catch (IOException e) {
            return "(server log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Stops the server if it runs and deletes the directory; safe to call more than once. */
    @Override
    public void close() {
        if (initialised && Files.exists(data.resolve("postmaster.pid"))) {
            FaultProcesses.run(command(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate",
                    "-w", "-t", "60", "stop"), 90);
        }
        if (directory != null && Files.exists(directory)) {
            try (Stream<Path> paths = Files.walk(directory)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private List<String> command(String... command) {
        List<String> full = new ArrayList<>();
        if (asRoot) {
            full.addAll(List.of("runuser", "-u", USER, "--"));
        }
        full.addAll(List.of(command));
        return full;
    }

    /** The newest PostgreSQL server binaries installed, or a failure that says to install them. */
    static Path binaries() {
        List<Path> candidates = new ArrayList<>();
        String fromEnvironment = System.getenv("PG_BINDIR");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            candidates.add(Path.of(fromEnvironment));
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                versions.sorted(Comparator.comparing(FaultPrivateCluster::versionOf).reversed())
                        .map(version -> version.resolve("bin"))
                        .forEach(candidates::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return candidates.stream()
                .filter(dir -> Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("pg_ctl")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("PostgreSQL's server binaries (initdb, pg_ctl) were not found "
                        + "under /usr/lib/postgresql/<version>/bin or PG_BINDIR. This fault test creates a private cluster "
                        + "and does not skip: install postgresql (for example 'apt-get install postgresql'; CI installs it)."));
    }

    private static double versionOf(Path directory) {
        try {
            return Double.parseDouble(directory.getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
