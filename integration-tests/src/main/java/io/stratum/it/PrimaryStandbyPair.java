package io.stratum.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private PostgreSQL primary and its streaming standby, for tests that stop, promote or refuse a
 * server: never the machine's shared server. The primary is an {@code initdb} cluster in a temporary
 * directory; the standby a {@code pg_basebackup -R} copy of it (so it streams from the primary and stays
 * in recovery, read-only, until promoted). Each listens on its own free port of 127.0.0.1 only, trust
 * authentication, user {@value #USER}. With {@code synchronous} the primary acknowledges a commit only
 * once the standby has flushed it ({@code synchronous_standby_names = '*'}, {@code synchronous_commit =
 * on}), so a promotion loses no acknowledged commit.
 *
 * <p>Run as root, the server binaries run as the OS user {@value #USER} ({@code runuser}; PostgreSQL
 * refuses root) and the directory is handed to that user. {@link #close()} stops both and removes the
 * directory; call it in a {@code finally} (or {@code @AfterAll}) so nothing is left running. Binaries:
 * {@code PG_BINDIR}, else the newest {@code /usr/lib/postgresql/<version>/bin}; none found fails (never
 * skips).
 */
public final class PrimaryStandbyPair implements AutoCloseable {
    public static final String USER = ServerProcesses.USER;

    private final Path bin;
    private final Path directory;
    private final Path primaryData;
    private final Path standbyData;
    private final int primaryPort;
    private final int standbyPort;

    /** Creates and starts both servers; {@code database} is created on the primary (and so on the standby). */
    public PrimaryStandbyPair(boolean synchronous, String database) {
        bin = ServerProcesses.binaries("initdb", "pg_ctl", "pg_basebackup");
        try {
            directory = Files.createTempDirectory("stratum-pair-pg-");
            primaryData = directory.resolve("primary");
            standbyData = directory.resolve("standby");
            ServerProcesses.ownedByServerUser(directory);
            primaryPort = ServerProcesses.freeLoopbackPort();
            int port;
            do {
                port = ServerProcesses.freeLoopbackPort();
            } while (port == primaryPort);
            standbyPort = port;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            server("initdb", "-D", primaryData.toString(), "-U", USER, "-A", "trust", "-E", "UTF8", "--locale=C",
                    "--no-sync");
            append(primaryData.resolve("postgresql.conf"), "\n# stratum primary/standby test\nport = " + primaryPort
                    + "\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '" + directory + "'\n"
                    + "max_connections = 40\nshared_buffers = 16MB\nlogging_collector = off\nfsync = off\n"
                    + "wal_level = replica\nmax_wal_senders = 4\nhot_standby = on\nwal_receiver_status_interval = 1s\n");
            append(primaryData.resolve("pg_hba.conf"), "\nhost replication " + USER + " 127.0.0.1/32 trust\n");
            start(primaryData, "primary.log");
            try (Connection admin = connect(primaryPort, "postgres"); Statement statement = admin.createStatement()) {
                statement.execute("CREATE DATABASE " + database);
            }
            server("pg_basebackup", "-h", "127.0.0.1", "-p", Integer.toString(primaryPort), "-U", USER, "-D",
                    standbyData.toString(), "-R", "-X", "stream", "--no-sync", "--checkpoint=fast");
            // The copied configuration ends with the primary's settings; appended ones win. Once promoted the
            // standby has no standby of its own: with the primary's synchronous_standby_names every commit
            // there would wait for one forever.
            append(standbyData.resolve("postgresql.conf"), "\n# standby\nport = " + standbyPort
                    + "\nsynchronous_standby_names = ''\n");
            start(standbyData, "standby.log");
            if (synchronous) {
                // Only now: with it set before the standby streams, every commit on the primary would wait.
                try (Connection primary = connect(primaryPort, "postgres"); Statement statement = primary.createStatement()) {
                    statement.execute("ALTER SYSTEM SET synchronous_standby_names = '*'");
                    statement.execute("ALTER SYSTEM SET synchronous_commit = 'on'");
                    statement.execute("SELECT pg_reload_conf()");
                }
                awaitSynchronousStandby();
            }
        } catch (IOException | SQLException | RuntimeException e) {
            String logs = logs();
            close();
            throw new IllegalStateException("Could not set up the private primary and standby: " + e.getMessage()
                    + "\n" + logs, e);
        }
    }

    public int primaryPort() {
        return primaryPort;
    }

    public int standbyPort() {
        return standbyPort;
    }

    /** {@code jdbc:postgresql://127.0.0.1:<primary>/<database>}. */
    public String primaryUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + primaryPort + "/" + database;
    }

    /** {@code jdbc:postgresql://127.0.0.1:<standby>/<database>}. */
    public String standbyUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + standbyPort + "/" + database;
    }

    /** Both servers, primary first, for the driver to pick the one that takes writes. */
    public String multiHostUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + primaryPort + ",127.0.0.1:" + standbyPort + "/" + database
                + "?targetServerType=primary";
    }

    /** Stops the primary at once, as a crash would: no checkpoint, every connection cut. */
    public void stopPrimaryImmediately() {
        server("pg_ctl", "-D", primaryData.toString(), "-m", "immediate", "-w", "-t", "60", "stop");
    }

    /** Promotes the standby and waits until it takes writes. */
    public void promoteStandby() {
        server("pg_ctl", "-D", standbyData.toString(), "-w", "-t", "60", "promote");
    }

    /** A plain driver connection (no Stratum) to one of the servers. */
    public static Connection connect(int port, String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("connectTimeout", "5");
        // A statement never waits forever (a commit waiting for a standby that is gone, for example).
        properties.setProperty("socketTimeout", "60");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, properties);
    }

    /** Both servers' logs, for failure messages. */
    public String logs() {
        StringBuilder text = new StringBuilder();
        for (String name : List.of("primary.log", "standby.log")) {
            Path log = directory == null ? null : directory.resolve(name);
            try {
                text.append("--- ").append(name).append(" ---\n")
                        .append(log != null && Files.exists(log) ? Files.readString(log) : "(none)\n");
            } catch (IOException e) {
                text.append("(unreadable: ").append(e.getMessage()).append(")\n");
            }
        }
        return text.toString();
    }

    /** Stops whatever still runs and removes the directory; safe to call more than once. */
    @Override
    public void close() {
        for (Path data : new Path[] {standbyData, primaryData}) {
            if (data != null && Files.exists(data.resolve("postmaster.pid"))) {
                ServerProcesses.run(ServerProcesses.asServerUser(bin.resolve("pg_ctl").toString(), "-D", data.toString(),
                        "-m", "immediate", "-w", "-t", "60", "stop"), 90, false);
            }
        }
        if (directory != null && Files.exists(directory)) {
            try (Stream<Path> paths = Files.walk(directory)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void awaitSynchronousStandby() throws SQLException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (Connection primary = connect(primaryPort, "postgres"); Statement statement = primary.createStatement()) {
            while (true) {
                try (ResultSet row = statement.executeQuery(
                        "SELECT count(*) FROM pg_stat_replication WHERE sync_state = 'sync' AND state = 'streaming'")) {
                    row.next();
                    if (row.getInt(1) > 0) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The standby did not become a synchronous streaming standby within 30 s");
                }
                sleep(100);
            }
        }
    }

    private void start(Path data, String logName) {
        server("pg_ctl", "-D", data.toString(), "-l", directory.resolve(logName).toString(), "-w", "-t", "120", "start");
    }

    private void server(String program, String... args) {
        List<String> full = new ArrayList<>(List.of(bin.resolve(program).toString()));
        full.addAll(List.of(args));
        ServerProcesses.run(ServerProcesses.asServerUser(full.toArray(new String[0])), 150, true);
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardOpenOption.APPEND);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
