package io.stratum.api.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The pool as seen behind a transaction-mode pooler: each connection it lends runs the dialect's {@link
 * io.stratum.api.spi.DialectProvider#transactionStartSql transaction start SQL} as the first statement of
 * every transaction — when auto-commit is switched off, and again after each commit or rollback that
 * leaves it off — just before the transaction's first statement is created. Sent then, the driver's
 * {@code BEGIN} travels with it, so a transaction costs one round trip more than on a direct connection.
 * Used only when the dialect has such SQL for the settings; direct connections get the pool itself.
 *
 * <p>Statements run in auto-commit mode are transactions of their own and get nothing: they run under
 * the server's (or role's) settings.
 */
final class TransactionStartConnections extends PoolDecorator {
    private final String startSql;

    TransactionStartConnections(DataSource pool, String startSql) {
        super(pool);
        this.startSql = startSql;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(pool.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrap(pool.getConnection(username, password));
    }

    private Connection wrap(Connection connection) throws SQLException {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new Handler(connection, startSql, connection.getAutoCommit()));
    }

    private static final class Handler implements InvocationHandler {
        private final Connection connection;
        private final String startSql;
        private boolean autoCommit;
        /** A transaction has begun (auto-commit off) and its start SQL is not sent yet. */
        private boolean pending;

        Handler(Connection connection, String startSql, boolean autoCommit) {
            this.connection = connection;
            this.startSql = startSql;
            this.autoCommit = autoCommit;
            this.pending = !autoCommit;
        }

        @Override
        public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) throws Throwable {
            String name = method.getName();
            switch (name) {
                case "createStatement":
                case "prepareStatement":
                case "prepareCall":
                    if (pending) {
                        sendStartSql();
                    }
                    break;
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "unwrap":
                    if (((Class<?>) args[0]).isInstance(proxy)) {
                        return proxy;
                    }
                    break;
                default:
                    break;
            }
            Object result;
            try {
                result = method.invoke(connection, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            switch (name) {
                case "setAutoCommit":
                    boolean on = (Boolean) args[0];
                    pending = !on && (autoCommit || pending);
                    autoCommit = on;
                    break;
                case "commit":
                case "rollback":
                    // rollback(Savepoint) stays in the transaction; the others end it and the next statement begins another.
                    if (args == null || args.length == 0) {
                        pending = !autoCommit;
                    }
                    break;
                default:
                    break;
            }
            return result;
        }

        private void sendStartSql() throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute(startSql);
            }
            pending = false;
        }
    }
}
