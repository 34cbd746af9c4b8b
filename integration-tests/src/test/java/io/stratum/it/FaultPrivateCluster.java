package io.stratum.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    static final String USER = ServerProcesses.USER;

    private final Path bin;
    private final Path directory;
    private final Path data;
    private final Path log;
    private final int port;
    private boolean initialised;

    FaultPrivateCluster() {
        bin = ServerProcesses.binaries("initdb", "pg_ctl");
        try {
            directory = Files.createTempDirectory("stratum-fault-pg-");
            data = directory.resolve("data");
            log = directory.resolve("server.log");
            ServerProcesses.ownedByServerUser(directory);
            port = ServerProcesses.freeLoopbackPort();
            ServerProcesses.run(command(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
                    "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"), 180, true);
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
        ServerProcesses.run(command(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", log.toString(),
                "-w", "-t", "120", "start"), 150, true);
    }

    /** Stops the server at once, as a crash would: no checkpoint, every connection cut. */
    void stopImmediately() {
        ServerProcesses.run(command(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate",
                "-w", "-t", "60", "stop"), 90, true);
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
            ServerProcesses.run(command(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate",
                    "-w", "-t", "60", "stop"), 90, false);
        }
        if (directory != null && Files.exists(directory)) {
            try (Stream<Path> paths = Files.walk(directory)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static List<String> command(String... command) {
        return ServerProcesses.asServerUser(command);
    }
}
