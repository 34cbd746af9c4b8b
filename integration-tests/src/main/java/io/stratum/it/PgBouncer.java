package io.stratum.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PgBouncer of the test's own in front of the shared test server ({@link PostgresTestDatabase#ADMIN_URL}):
 * {@code pool_mode = transaction}, listening on a free port of 127.0.0.1 only (no Unix socket), every
 * database name routed to the server ({@code * = host=… port=…}), SCRAM authentication against an
 * auth_file holding the test user's password (which PgBouncer also logs in to the server with). Its
 * config, auth_file, log and pid file live in a temporary directory, removed by {@link #close()} after
 * the process (found by its pid file) is stopped — also when starting failed.
 *
 * <p>PgBouncer refuses to run as root: run as root, it runs as the {@code postgres} OS user through
 * {@code runuser}. A missing {@code pgbouncer} binary fails the constructor (it never skips): install it
 * (CI's {@code .ci/run} does).
 */
public final class PgBouncer implements AutoCloseable {
    private static final List<Path> BINARIES = List.of(Path.of("/usr/sbin/pgbouncer"), Path.of("/usr/bin/pgbouncer"),
            Path.of("/usr/local/bin/pgbouncer"));

    private final Path directory;
    private final Path pidFile;
    private final Path log;
    private final int port;
    private Long pid;

    /** PgBouncer with {@code ignore_startup_parameters = extra_float_digits}: what every pgjdbc client needs. */
    public PgBouncer() {
        this("extra_float_digits");
    }

    /** PgBouncer ignoring these startup parameters (comma-separated), e.g. {@code extra_float_digits,options}. */
    public PgBouncer(String ignoreStartupParameters) {
        Path binary = BINARIES.stream().filter(Files::isExecutable).findFirst().orElseThrow(() -> new AssertionError(
                "pgbouncer was not found (" + BINARIES + "). The PgBouncer tests do not skip: install it (for example "
                        + "'apt-get install pgbouncer'; .ci/run does)."));
        URI server = URI.create(PostgresTestDatabase.ADMIN_URL.substring("jdbc:".length()));
        String host = server.getHost() == null ? "127.0.0.1" : server.getHost();
        int serverPort = server.getPort() < 0 ? 5432 : server.getPort();
        try {
            directory = Files.createTempDirectory("stratum-pgbouncer-");
            pidFile = directory.resolve("pgbouncer.pid");
            log = directory.resolve("pgbouncer.log");
            port = ServerProcesses.freeLoopbackPort();
            Path users = directory.resolve("userlist.txt");
            Files.writeString(users, quoted(PostgresTestDatabase.USER) + " " + quoted(PostgresTestDatabase.PASSWORD) + "\n");
            Path ini = directory.resolve("pgbouncer.ini");
            Files.writeString(ini, String.join("\n",
                    "[databases]",
                    "* = host=" + host + " port=" + serverPort,
                    "",
                    "[pgbouncer]",
                    "listen_addr = 127.0.0.1",
                    "listen_port = " + port,
                    "unix_socket_dir =",
                    "auth_type = scram-sha-256",
                    "auth_file = " + users,
                    "pool_mode = transaction",
                    "ignore_startup_parameters = " + ignoreStartupParameters,
                    "max_client_conn = 200",
                    "default_pool_size = 20",
                    "logfile = " + log,
                    "pidfile = " + pidFile,
                    "") + "\n");
            ServerProcesses.ownedByServerUser(directory);
            // -d: daemonises once listening, after writing the pid file.
            ServerProcesses.run(ServerProcesses.asServerUser(binary.toString(), "-d", ini.toString()), 30, true);
            awaitListening();
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/<database>}: that database of the test server, through PgBouncer. */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    /**
     * A fresh test database with settings as an operator behind PgBouncer sets them: {@code url} through
     * PgBouncer with {@code transaction_pooler}, {@code migration_url} the server itself.
     */
    public TestDatabase pooledDatabase() {
        return pooledDatabase(new PostgresTestDatabase());
    }

    /** {@link #pooledDatabase()} of a test database already made (and configured) on the server. */
    public TestDatabase pooledDatabase(PostgresTestDatabase direct) {
        return new TestDatabase() {
            @Override
            public io.stratum.api.Dialect dialect() {
                return direct.dialect();
            }

            @Override
            public io.stratum.api.DatabaseSettings.Builder settings() {
                return direct.settings().url(url(direct.name())).transactionPooler(true).migrationUrl(direct.url());
            }

            @Override
            public java.sql.Connection connect() throws java.sql.SQLException {
                return direct.connect();
            }

            @Override
            public void close() {
                direct.close();
            }
        };
    }

    /** PgBouncer's log, for failure messages. */
    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no pgbouncer log)";
        } catch (IOException e) {
            return "(pgbouncer log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Stops PgBouncer (by the pid it wrote) and deletes its directory; safe to call more than once. */
    @Override
    public void close() {
        if (pid == null && pidFile != null && Files.exists(pidFile)) {
            try {
                pid = Long.parseLong(Files.readString(pidFile).strip());
            } catch (IOException | NumberFormatException e) {
                pid = null;
            }
        }
        if (pid != null) {
            ProcessHandle.of(pid).ifPresent(process -> {
                process.destroy();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (process.isAlive() && System.nanoTime() < deadline) {
                    sleep(50);
                }
                if (process.isAlive()) {
                    process.destroyForcibly();
                }
            });
            pid = null;
        }
        if (directory != null && Files.exists(directory)) {
            try (Stream<Path> paths = Files.walk(directory)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Waits for the daemon's pid file (written just after the launching process returned) and its port. */
    private void awaitListening() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (pid == null) {
            String written = Files.exists(pidFile) ? Files.readString(pidFile).strip() : "";
            if (!written.isEmpty()) {
                pid = Long.parseLong(written);
            } else if (System.nanoTime() > deadline) {
                throw new IllegalStateException("PgBouncer wrote no pid file within 20 s. Log:\n" + log());
            } else {
                sleep(20);
            }
        }
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 500);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("PgBouncer did not listen on 127.0.0.1:" + port + " within 20 s. Log:\n"
                            + log());
                }
                sleep(50);
            }
        }
    }

    private static String quoted(String value) {
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
