package io.stratum.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of a test's own, for tests that configure, stop or restart a server: {@code initdb}
 * into a temporary directory, listening on a free port of 127.0.0.1 only (its Unix socket in the same
 * directory), started and stopped with {@code pg_ctl}, removed by {@link #close()} (also after a failed
 * start). The machine's shared server is never touched. Run as root, the binaries run as the
 * {@code postgres} OS user ({@code runuser}; PostgreSQL refuses root) and the directory belongs to it.
 *
 * <pre>{@code
 * try (PrivateCluster cluster = PrivateCluster.create()) {
 *     cluster.conf("ssl = on", "ssl_cert_file = 'server.crt'", "ssl_key_file = 'server.key'");
 *     cluster.hba("hostssl all postgres 127.0.0.1/32 trust");   // pg_hba.conf: these lines (and local trust)
 *     cluster.start();
 *     cluster.sql("CREATE DATABASE app");                          // psql over the Unix socket, as postgres
 *     ... cluster.url("app") ...
 * }
 * }</pre>
 *
 * <p>The binaries are looked for in {@code PG_BINDIR} and {@code /usr/lib/postgresql/<version>/bin}
 * (newest first); none found fails (never skips): the tests need the PostgreSQL server package.
 */
public final class PrivateCluster implements AutoCloseable {
    /** The OS user the server runs as when the tests run as root, and the cluster's superuser. */
    public static final String USER = "postgres";

    private final Path bin;
    private final Path directory;
    private final Path data;
    private final Path log;
    private final int port;
    private final boolean asRoot;
    private boolean initialised;

    private PrivateCluster() {
        bin = binaries();
        asRoot = "root".equals(System.getProperty("user.name"));
        try {
            directory = Files.createTempDirectory("stratum-pg-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        data = directory.resolve("data");
        log = directory.resolve("server.log");
        port = freeLoopbackPort();
    }

    /** A new cluster (initialised, not started), with trust authentication for local connections. */
    public static PrivateCluster create() {
        PrivateCluster cluster = new PrivateCluster();
        try {
            if (cluster.asRoot) {
                run(List.of("chown", "-R", USER + ":" + USER, cluster.directory.toString()), 30, true);
            }
            cluster.command(180, cluster.bin.resolve("initdb").toString(), "-D", cluster.data.toString(), "-U", USER,
                    "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync");
            cluster.initialised = true;
            cluster.conf("port = " + cluster.port, "listen_addresses = '127.0.0.1'",
                    "unix_socket_directories = '" + cluster.directory + "'", "max_connections = 40",
                    "shared_buffers = 16MB", "logging_collector = off", "fsync = off");
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** Appends lines to {@code postgresql.conf} (later lines win); takes effect at the next start. */
    public PrivateCluster conf(String... lines) {
        append(data.resolve("postgresql.conf"), "\n# stratum test\n" + String.join("\n", lines) + "\n");
        return this;
    }

    /**
     * Replaces {@code pg_hba.conf} with {@code local all all trust} (for {@link #sql}) and these lines;
     * takes effect at the next start or {@link #reload()}.
     */
    public PrivateCluster hba(String... lines) {
        try {
            Files.writeString(data.resolve("pg_hba.conf"), "local all all trust\n" + String.join("\n", lines) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /**
     * Writes a file into the data directory (for {@code ssl_cert_file = '<name>'} and the like), owned by the
     * server's user and readable by it alone (the server refuses a key others can read).
     */
    public Path dataFile(String name, byte[] content) {
        Path file = data.resolve(name);
        try {
            Files.write(file, content);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            if (asRoot) {
                run(List.of("chown", USER + ":" + USER, file.toString()), 30, true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Starts the server and waits until it accepts connections. */
    public void start() {
        command(150, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", log.toString(), "-w", "-t", "120",
                "start");
    }

    /** Stops the server cleanly (fast mode). */
    public void stop() {
        command(90, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "-t", "60", "stop");
    }

    /** Stops the server at once, as a crash would: no checkpoint, every connection cut. */
    public void stopImmediately() {
        command(90, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "-t", "60", "stop");
    }

    /** Re-reads {@code postgresql.conf} and {@code pg_hba.conf}. */
    public void reload() {
        command(60, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "reload");
    }

    /** Runs SQL as the superuser over the Unix socket ({@code psql}); returns its output (unaligned, tuples only). */
    public String sql(String sql) {
        return command(60, bin.resolve("psql").toString(), "-h", directory.toString(), "-p", Integer.toString(port),
                "-U", USER, "-d", "postgres", "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql);
    }

    public int port() {
        return port;
    }

    /** {@code jdbc:postgresql://<host>:<port>/<database>}; {@code host} a loopback name (127.0.0.1, localhost). */
    public String url(String host, String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/<database>}. */
    public String url(String database) {
        return url("127.0.0.1", database);
    }

    /** The temporary directory (data directory, socket, log), removed by {@link #close()}. */
    public Path directory() {
        return directory;
    }

    /** The server's log, for failure messages. */
    public String serverLog() {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no server log)";
        } catch (IOException e) {
            return "(server log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Stops the server if it runs and deletes the directory; safe to call more than once. */
    @Override
    public void close() {
        try {
            if (initialised && Files.exists(data.resolve("postmaster.pid"))) {
                run(asUser(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "-t", "60",
                        "stop"), 90, false);
            }
        } finally {
            if (Files.exists(directory)) {
                try (Stream<Path> paths = Files.walk(directory)) {
                    paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private String command(long timeoutSeconds, String... command) {
        return run(asUser(command), timeoutSeconds, true);
    }

    private List<String> asUser(String... command) {
        List<String> full = new ArrayList<>();
        if (asRoot) {
            full.addAll(List.of("runuser", "-u", USER, "--"));
        }
        full.addAll(List.of(command));
        return full;
    }

    private static void append(Path file, String text) {
        try {
            Files.writeString(file, text, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command to its end (output and errors merged); fails when it times out, or fails and {@code check}. */
    static String run(List<String> command, long timeoutSeconds, boolean check) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            Thread pump = new Thread(() -> copy(process.getInputStream(), output), "pump-" + command.get(0));
            pump.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                pump.join(5_000);
                throw new IllegalStateException("Command timed out after " + timeoutSeconds + " s: " + command + "\n"
                        + output.toString(StandardCharsets.UTF_8));
            }
            pump.join(5_000);
            String text = output.toString(StandardCharsets.UTF_8);
            if (check && process.exitValue() != 0) {
                throw new IllegalStateException("Command failed with exit code " + process.exitValue() + ": " + command
                        + "\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command, e);
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (out) {
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException ignored) {
            // The process ended.
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The newest PostgreSQL server binaries installed, or a failure that says to install them. */
    private static Path binaries() {
        List<Path> candidates = new ArrayList<>();
        String fromEnvironment = System.getenv("PG_BINDIR");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            candidates.add(Path.of(fromEnvironment));
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                versions.sorted(Comparator.comparingDouble(PrivateCluster::versionOf).reversed())
                        .map(version -> version.resolve("bin")).forEach(candidates::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return candidates.stream()
                .filter(dir -> Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("pg_ctl")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("PostgreSQL's server binaries (initdb, pg_ctl) were not found "
                        + "under /usr/lib/postgresql/<version>/bin or PG_BINDIR. Tests with a private cluster do not "
                        + "skip: install postgresql (CI installs it)."));
    }

    private static double versionOf(Path directory) {
        try {
            return Double.parseDouble(directory.getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
