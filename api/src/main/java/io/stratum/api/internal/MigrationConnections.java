package io.stratum.api.internal;

import io.stratum.api.DatabaseSettings;
import io.stratum.api.DatabaseUnavailableException;
import io.stratum.api.spi.DialectProvider;
import io.stratum.api.spi.MigrationEngine;
import java.io.PrintWriter;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The connections one migration operation runs on (reference 1.5: a separate engine for migrations).
 * They are plain driver connections, opened with the dialect's {@linkplain
 * DialectProvider#migrationConnectionProperties migration properties} — on PostgreSQL the statement
 * timeout is {@code migration_timeout} (none: unlimited), not the application's {@code timeout} — and
 * all closed when the operation ends (within the operation they are reused). The application's pool
 * is not touched. An in-memory database
 * lives only on its one pooled connection, so there migrations use the pool.
 */
final class MigrationConnections {
    private static final Logger LOG = System.getLogger(MigrationConnections.class.getName());

    private final DialectProvider dialect;
    private final DatabaseSettings settings;
    /** transaction_pooler without migration_url: migrations would go through the pooler. */
    private final boolean refusedThroughPooler;
    private final java.util.function.Supplier<ConnectionSetup> connections;
    private final Supplier<DataSource> pool;

    MigrationConnections(DialectProvider dialect, DatabaseSettings settings, java.util.function.Supplier<ConnectionSetup> connections,
                         Supplier<DataSource> pool) {
        this.dialect = dialect;
        // Messages, storage and the engine see the database migrations connect to: migration_url when set.
        this.settings = settings.forMigrations();
        this.refusedThroughPooler = settings.transactionPooler() && !settings.migrationUrlSet();
        this.connections = connections;
        this.pool = pool;
    }

    io.stratum.api.Dialect dialect() {
        return dialect.dialect();
    }

    /** The damaged-file error found in {@code error}, else {@code error} itself. */
    RuntimeException damaged(RuntimeException error) {
        io.stratum.api.DatabaseCorruptException corrupt = Corruption.find(error, dialect, settings);
        return corrupt != null ? corrupt : error;
    }

    /**
     * A target for one operation; closing it closes every connection the operation left open. With a
     * {@code writeAction} (the operation changes the schema) a server that takes no writes (a standby) is
     * refused before anything starts; {@code null} for operations that only read.
     */
    Lease open(String writeAction) {
        return open(!settings.readOnly(), writeAction);
    }

    /**
     * A target for an operation that only looks: it never creates the database. Fails with
     * {@link io.stratum.api.DatabaseNotFoundException} when there is none yet (see {@link #notCreatedYet}).
     */
    Lease inspect() {
        return open(false, null);
    }

    /** The target of a database that does not exist yet: no connections, no lock; at base. */
    MigrationEngine.Target notCreatedYet() {
        return new MigrationEngine.Target(null, dialect.dialect(), settings, null);
    }

    private Lease open(boolean create, String writeAction) {
        if (refusedThroughPooler) {
            // Refused before connecting: nothing can have been applied.
            throw new io.stratum.api.ConfigurationException("Migrations refused: " + io.stratum.api.SettingKey
                    .TRANSACTION_POOLER.environmentVariable() + " says " + settings.redactedUrl() + " leads through a "
                    + "transaction-mode connection pooler, and a migration needs one database session of its own for "
                    + "its lock and its revisions. Set " + io.stratum.api.SettingKey.MIGRATION_URL.environmentVariable()
                    + " to the database server's own address (bypassing the pooler), or run the migration with "
                    + io.stratum.api.SettingKey.URL.environmentVariable() + " pointing there.");
        }
        if (dialect.isInMemory(settings)) {
            DataSource shared = pool.get();
            return new Lease(new MigrationEngine.Target(shared, dialect.dialect(), settings, dialect.migrationLock(shared)),
                    null);
        }
        connections.get();
        dialect.prepareStorage(settings, create);
        Dedicated dataSource = new Dedicated();
        try (Connection probe = dataSource.getConnection()) {
            dialect.checkServerVersion(probe);
            if (writeAction != null) {
                Writability.require(dialect, settings, probe, writeAction);
            }
        } catch (SQLException e) {
            dataSource.close();
            Corruption.rethrow(e, dialect, settings);
            String reason = SafeMessages.message(e, settings).strip().replaceAll("\\.+$", "");
            io.stratum.api.ConfigurationException refused = LoginErrors.refused(e, settings);
            if (refused != null) {
                throw refused;
            }
            if (dialect.isConnectionFailure(e)) {
                throw new DatabaseUnavailableException("Could not open a connection for migrations on "
                        + settings.redactedUrl() + ": " + reason + ". Check that the database is running and reachable, "
                        + "then retry.", e);
            }
            throw new io.stratum.api.MigrationException("Could not open a connection for migrations on "
                    + settings.redactedUrl() + ": " + reason + ".", e);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new Lease(new MigrationEngine.Target(dataSource, dialect.dialect(), settings,
                dialect.migrationLock(dataSource)), dataSource);
    }

    static final class Lease implements AutoCloseable {
        private final MigrationEngine.Target target;
        private final Dedicated dedicated;

        Lease(MigrationEngine.Target target, Dedicated dedicated) {
            this.target = target;
            this.dedicated = dedicated;
        }

        MigrationEngine.Target target() {
            return target;
        }

        @Override
        public void close() {
            if (dedicated != null) {
                dedicated.close();
            }
        }
    }

    /**
     * A small pool for one operation: a connection its user closes in auto-commit mode goes back to an
     * idle list and serves the next request (an operation asks for several in turn: the lock, history
     * reads, Flyway's); one closed in a transaction is closed for real. {@link #close()} closes them all.
     */
    final class Dedicated implements DataSource {
        private final List<Connection> physical = new ArrayList<>();
        private final Deque<Connection> idle = new ArrayDeque<>();
        private int loginTimeout;

        @Override
        public Connection getConnection() throws SQLException {
            Connection connection;
            synchronized (physical) {
                connection = idle.pollFirst();
            }
            if (connection == null || !isUsable(connection)) {
                connection = connect();
            }
            return lend(connection);
        }

        private boolean isUsable(Connection connection) {
            try {
                return !connection.isClosed();
            } catch (SQLException e) {
                return false;
            }
        }

        private Connection connect() throws SQLException {
            Connection connection = connections.get().connect(true);
            synchronized (physical) {
                physical.add(connection);
            }
            return connection;
        }

        /** A handle whose close() gives the connection back instead of closing it. */
        private Connection lend(Connection connection) {
            boolean[] returned = {false};
            InvocationHandler handler = (proxy, method, args) -> {
                String name = method.getName();
                if (name.equals("close")) {
                    if (!returned[0]) {
                        returned[0] = true;
                        giveBack(connection);
                    }
                    return null;
                }
                if (name.equals("isClosed")) {
                    return returned[0] || connection.isClosed();
                }
                if (name.equals("equals")) {
                    return proxy == args[0];
                }
                if (name.equals("hashCode")) {
                    return System.identityHashCode(proxy);
                }
                if (name.equals("toString")) {
                    return "migration connection " + connection;
                }
                if (returned[0]) {
                    throw new SQLException("This migration connection was closed");
                }
                try {
                    return method.invoke(connection, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            };
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                    handler);
        }

        private void giveBack(Connection connection) throws SQLException {
            boolean reusable;
            try {
                reusable = !connection.isClosed() && connection.getAutoCommit();
                if (reusable) {
                    connection.clearWarnings();
                }
            } catch (SQLException e) {
                reusable = false;
            }
            if (reusable) {
                synchronized (physical) {
                    idle.addFirst(connection);
                }
            } else {
                synchronized (physical) {
                    physical.remove(connection);
                }
                connection.close();
            }
        }

        void close() {
            synchronized (physical) {
                for (Connection connection : physical) {
                    try {
                        connection.close();
                    } catch (SQLException e) {
                        LOG.log(Level.DEBUG, "Closing a migration connection failed", e);
                    }
                }
                physical.clear();
                idle.clear();
            }
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLFeatureNotSupportedException("Migration connections use the configured credentials");
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
            loginTimeout = seconds;
        }

        @Override
        public int getLoginTimeout() {
            return loginTimeout;
        }

        @Override
        public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            if (type.isInstance(this)) {
                return type.cast(this);
            }
            throw new SQLException("Not a wrapper of " + type.getName());
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return type.isInstance(this);
        }
    }
}
