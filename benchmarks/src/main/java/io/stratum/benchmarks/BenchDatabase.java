package io.stratum.benchmarks;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.DatabaseSettings;
import io.stratum.api.Dialect;
import io.stratum.api.Stratum;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * One fresh, migrated database for one benchmark: a new PostgreSQL database on the loopback server, or
 * a new SQLite file in a temporary folder. Both paths of a comparison share its pool, so the pool and
 * the connection settings are the same for Stratum and for the hand-written JDBC.
 */
final class BenchDatabase implements AutoCloseable {
    private final Dialect dialect;
    private final String url;
    private final Runnable dropper;
    private final DatabaseInterface db;
    private final JdbcValues values;
    private Connection sqliteWriter;

    private BenchDatabase(Dialect dialect, String url, Runnable dropper, int poolSize) {
        this(dialect, url, dropper, poolSize, null);
    }

    private BenchDatabase(Dialect dialect, String url, Runnable dropper, int poolSize, Duration connectionTimeout) {
        this.dialect = dialect;
        this.url = url;
        this.dropper = dropper;
        DatabaseSettings.Builder settings = DatabaseSettings.builder().url(url).poolSize(poolSize).maxOverflow(0)
                .timeout(Duration.ofMinutes(5)).poolTimeout(Duration.ofMinutes(1)).migrateOnStart(true);
        if (connectionTimeout != null) {
            settings.connectionTimeout(connectionTimeout);
        }
        if (Dialects.POSTGRESQL.equals(dialect)) {
            settings.user(Server.USER).password(Server.PASSWORD);
        }
        this.db = Stratum.open(settings.build());
        db.engine();
        this.values = JdbcValues.of(dialect);
    }

    static BenchDatabase create(Dialect dialect, int poolSize) {
        return create(dialect, poolSize, false);
    }

    /** As {@link #create(Dialect, int)}; {@code synchronousCommit} keeps PostgreSQL's durable commits (SQLite: no effect). */
    static BenchDatabase create(Dialect dialect, int poolSize, boolean synchronousCommit) {
        return Dialects.POSTGRESQL.equals(dialect) ? postgres(poolSize, synchronousCommit) : sqlite(poolSize);
    }

    /**
     * An existing database another process created (a child of a benchmark); closing it leaves the database.
     * Connecting may wait a minute: child JVMs starting on a loaded machine timed out at the default.
     */
    static BenchDatabase attach(Dialect dialect, String url, int poolSize) {
        return new BenchDatabase(dialect, url, () -> { }, poolSize, Duration.ofMinutes(1));
    }

    private static BenchDatabase postgres(int poolSize, boolean synchronousCommit) {
        String name = "stratum_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Server.execute("CREATE DATABASE " + name);
        // The benchmarks measure the library, not the disk: with durable commits every path waits for
        // the same fsync and every ratio tends to 1. docs/benchmarks.md says so. The lifecycle also
        // runs with them, as a server would (set on the database, whatever the server's default).
        Server.execute("ALTER DATABASE " + name + " SET synchronous_commit = " + (synchronousCommit ? "on" : "off"));
        return new BenchDatabase(Dialects.POSTGRESQL, Server.urlOf(name), () -> Server.execute(
                "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"), poolSize);
    }

    private static BenchDatabase sqlite(int poolSize) {
        try {
            Path folder = Files.createTempDirectory("stratum-bench-");
            return new BenchDatabase(Dialects.SQLITE, "jdbc:sqlite:" + folder.resolve("bench.db"), () -> delete(folder),
                    poolSize);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Dialect dialect() {
        return dialect;
    }

    String url() {
        return url;
    }

    DatabaseInterface db() {
        return db;
    }

    /** The pool both paths take connections from. */
    DataSource dataSource() {
        return db.engine().dataSource();
    }

    JdbcValues values() {
        return values;
    }

    /** Runs statements on a pooled connection in autocommit (seeding, ANALYZE). */
    void execute(String... sql) {
        try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            for (String each : sql) {
                statement.execute(each);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Benchmark setup failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (sqliteWriter != null) {
                try {
                    sqliteWriter.close();
                } catch (SQLException e) {
                    // Closing the database below closes the pool and its connections.
                }
                sqliteWriter = null;
            }
        }
        db.close();
        dropper.run();
    }

    /**
     * The one connection the hand-written SQLite paths write on, as Stratum's write transactions share
     * one: a SQLite connection drops its page cache whenever another wrote, so writers on connections of
     * their own all start cold. Held from the first call until {@link #close}; use it holding the writer queue.
     */
    synchronized Connection sqliteWriter() throws SQLException {
        if (sqliteWriter == null) {
            sqliteWriter = dataSource().getConnection();
        }
        return sqliteWriter;
    }

    private static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The loopback PostgreSQL server the benchmarks create their databases on. */
    static final class Server {
        static final String ADMIN_URL = env("STRATUM_BENCH_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        static final String USER = env("STRATUM_BENCH_POSTGRES_USER", "postgres");
        static final String PASSWORD = env("STRATUM_BENCH_POSTGRES_PASSWORD", "postgres");

        private Server() {
        }

        static void requireLoopback() {
            String host = ADMIN_URL.replaceFirst("^jdbc:postgresql://", "").replaceFirst("[:/].*$", "");
            if (!host.equals("127.0.0.1") && !host.equals("localhost") && !host.equals("[::1]")) {
                throw new IllegalArgumentException("STRATUM_BENCH_POSTGRES_URL names host " + host + ": the benchmarks "
                        + "only connect to a loopback server (127.0.0.1, localhost or [::1]).");
            }
        }

        static String urlOf(String database) {
            int slash = ADMIN_URL.lastIndexOf('/');
            int query = ADMIN_URL.indexOf('?', slash);
            return ADMIN_URL.substring(0, slash + 1) + database + (query >= 0 ? ADMIN_URL.substring(query) : "");
        }

        static void execute(String sql) {
            requireLoopback();
            Properties credentials = new Properties();
            credentials.setProperty("user", USER);
            credentials.setProperty("password", PASSWORD);
            credentials.setProperty("connectTimeout", "5");
            try (Connection admin = DriverManager.getConnection(ADMIN_URL, credentials);
                 Statement statement = admin.createStatement()) {
                statement.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException("PostgreSQL at " + ADMIN_URL + " as " + USER + ": " + e.getMessage()
                        + ". Start it (see .ci/run) or set STRATUM_BENCH_POSTGRES_URL.", e);
            }
        }

        private static String env(String name, String fallback) {
            String value = System.getenv(name);
            return value == null || value.isBlank() ? fallback : value;
        }
    }
}
