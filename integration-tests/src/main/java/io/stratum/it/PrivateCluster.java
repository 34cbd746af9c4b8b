package io.stratum.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
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
    public static final String USER = ServerProcesses.USER;

    private final Path bin;
    private final Path directory;
    private final Path data;
    private final Path log;
    private final int port;
    private boolean initialised;

    private PrivateCluster() {
        bin = ServerProcesses.binaries("initdb", "pg_ctl");
        try {
            directory = Files.createTempDirectory("stratum-pg-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        data = directory.resolve("data");
        log = directory.resolve("server.log");
        port = ServerProcesses.freeLoopbackPort();
    }

    /** A new cluster (initialised, not started), with trust authentication for local connections. */
    public static PrivateCluster create() {
        PrivateCluster cluster = new PrivateCluster();
        try {
            ServerProcesses.ownedByServerUser(cluster.directory);
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
            ServerProcesses.ownedByServerUser(file);
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
                ServerProcesses.run(ServerProcesses.asServerUser(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "-t", "60",
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
        return ServerProcesses.run(ServerProcesses.asServerUser(command), timeoutSeconds, true);
    }

    private static void append(Path file, String text) {
        try {
            Files.writeString(file, text, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
