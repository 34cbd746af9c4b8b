package io.stratum.queries.internal;

import io.stratum.api.StratumException;
import io.stratum.api.spi.BulkWriteSql;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.persistence.internal.sessions.AbstractSession;
import org.eclipse.persistence.jpa.JpaEntityManager;
import org.eclipse.persistence.logging.SessionLog;

/**
 * Hand-written SQL on the connection of the caller's transaction, so it commits or rolls back with the
 * caller's own work. Statements are logged where EclipseLink logs its own ({@code echo}), so one log
 * shows everything a session sent.
 *
 * <p>Every failure marks the caller's transaction rollback-only: a failed statement does not abort a
 * SQLite transaction, so a caller that caught the error and returned would otherwise commit half of an
 * operation (events without their resources). The session context then rolls back and says so.
 */
final class TransactionSql {
    /** Rows bound before a batch is sent: bounds the driver's buffered parameters for large inputs. */
    private static final int BATCH_ROWS = 1000;

    private final EntityManager session;
    private final Connection connection;
    private final AbstractSession server;
    private final DialectSql dialect;
    private final String operation;

    private TransactionSql(EntityManager session, Connection connection, AbstractSession server, DialectSql dialect,
                           String operation) {
        this.session = session;
        this.connection = connection;
        this.server = server;
        this.dialect = dialect;
        this.operation = operation;
    }

    /**
     * The caller's transaction, after its pending changes are flushed (so rows it persisted are visible
     * to SQL). Fails, writing nothing, when the session has no active transaction.
     */
    static TransactionSql of(EntityManager session, DialectSql dialect, String operation) {
        if (session == null || !session.isOpen() || !session.getTransaction().isActive()) {
            throw new StratumException(capitalised(operation) + " needs a session with an active transaction. Run it "
                    + "inside db.inTransaction(...) or db.inTransactionForUpdate(...), or begin the session's transaction first.");
        }
        session.flush();
        // Begins the transaction on the database if EclipseLink has not yet; on SQLite that takes the
        // write lock (transactions begin IMMEDIATE), so what is read next cannot change before commit.
        Connection connection = session.unwrap(Connection.class);
        AbstractSession server = session.unwrap(JpaEntityManager.class).getServerSession();
        return new TransactionSql(session, connection, server, dialect, operation);
    }

    /**
     * A pooled connection in autocommit, for one statement that is its own transaction (see {@link
     * RunStateTransitions}): {@code session} (without a transaction) only names where statements are logged.
     * A failed statement wrote nothing; there is no transaction to mark.
     */
    static TransactionSql autocommit(EntityManager session, Connection connection, DialectSql dialect,
                                     String operation) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.setAutoCommit(true);
        }
        return new TransactionSql(session, connection, session.unwrap(JpaEntityManager.class).getServerSession(),
                dialect, operation);
    }

    DialectSql dialect() {
        return dialect;
    }

    /** The EclipseLink session whose mappings convert entity values (see {@link EntityTable.Column#storedValue}). */
    AbstractSession server() {
        return server;
    }

    Connection connection() {
        return connection;
    }

    /** Runs an INSERT, UPDATE or DELETE; returns the number of rows it changed. */
    int update(String sql, Object... parameters) {
        logSql(sql);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    /**
     * Runs one single-row statement once per row of {@code parameters} ({@code parametersPerRow} values
     * each, in order) as JDBC batches; returns each row's update count.
     */
    int[] batch(String sql, List<Object> parameters, int parametersPerRow) {
        logSql(sql);
        int rows = parameters.size() / parametersPerRow;
        int[] counts = new int[rows];
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int from = 0; from < rows; from += BATCH_ROWS) {
                int to = Math.min(rows, from + BATCH_ROWS);
                for (int row = from; row < to; row++) {
                    for (int column = 0; column < parametersPerRow; column++) {
                        dialect.values().bind(statement, column + 1, parameters.get(row * parametersPerRow + column));
                    }
                    statement.addBatch();
                }
                System.arraycopy(statement.executeBatch(), 0, counts, from, to - from);
            }
            return counts;
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    /**
     * Loads rows with the dialect's bulk-load protocol ({@link io.stratum.api.spi.BulkWriteSql#copyRows}),
     * {@code valuesPerRow} values per row in the order of {@code columns}.
     */
    void copy(String table, String columns, int valuesPerRow, List<Object> rows) {
        String sql = "COPY " + table + " (" + columns + ") FROM STDIN";
        logSql(sql);
        try {
            dialect.bulk().copyRows(connection, table, columns, valuesPerRow, rows);
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    /** Runs a statement returning rows (a SELECT, or a write with RETURNING). */
    <T> List<T> query(String sql, RowReader<T> reader, Object... parameters) {
        return query(sql, statement -> bind(statement, parameters), reader);
    }

    /** Runs a statement returning rows whose parameters {@code binder} binds itself (arrays, for example). */
    <T> List<T> query(String sql, Binder binder, RowReader<T> reader) {
        return prepared(sql, binder, statement -> readAll(statement.executeQuery(), reader));
    }

    /**
     * {@link #query(String, Binder, RowReader)} for a text of three statements whose second returns the rows
     * (a statement {@linkplain BulkWriteSql.KeptPlan#around between the kept plan's settings}); the
     * first's one row is skipped, the third's is not read.
     */
    <T> List<T> querySecondOfThree(String sql, Binder binder, RowReader<T> reader) {
        return prepared(sql, binder, statement -> {
            statement.execute();
            if (!statement.getMoreResults()) {
                throw new SQLException("The statement between the kept plan's settings returned no rows.");
            }
            return readAll(statement.getResultSet(), reader);
        });
    }

    /** Prepares {@code sql}, binds it, runs {@code work} on it; a failure is reported as this operation's. */
    private <R> R prepared(String sql, Binder binder, StatementWork<R> work) {
        logSql(sql);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            return work.run(statement);
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    /** What {@link #prepared} does with the bound statement. */
    private interface StatementWork<R> {
        R run(PreparedStatement statement) throws SQLException;
    }

    /** Every row of {@code result}, read by {@code reader}; closes it. */
    private static <T> List<T> readAll(ResultSet result, RowReader<T> reader) throws SQLException {
        List<T> rows = new ArrayList<>();
        try (ResultSet row = result) {
            while (row.next()) {
                rows.add(reader.read(row));
            }
        }
        return rows;
    }

    <T> Optional<T> queryOne(String sql, RowReader<T> reader, Object... parameters) {
        List<T> rows = query(sql, reader, parameters);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** Serialises this transaction with others on {@code key} until it ends (see the dialect's TransactionLocks). */
    void lockKey(long key) {
        try {
            dialect.locks().lockKey(connection, key);
        } catch (SQLException e) {
            throw failure("lock key " + key, e);
        }
    }

    /** {@code ?, ?, …} for {@code count} parameters. */
    static String placeholders(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    private void bind(PreparedStatement statement, Object[] parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            dialect.values().bind(statement, i + 1, parameters[i]);
        }
    }

    private void logSql(String sql) {
        if (server.shouldLog(SessionLog.FINE, SessionLog.SQL)) {
            server.log(SessionLog.FINE, SessionLog.SQL, sql, null, null, false);
        }
    }

    /**
     * The error for an operation that cannot complete after some of its statements ran, with the caller's
     * transaction marked rollback-only so that none of it is committed.
     */
    StratumException failed(String message) {
        markRollbackOnly();
        return new StratumException(message);
    }

    private StratumException failure(String sql, SQLException e) {
        boolean inTransaction = markRollbackOnly();
        return new StratumException(capitalised(operation) + " failed: " + e.getMessage() + " (SQL state "
                + e.getSQLState() + ", statement: " + sql + ")." + (inTransaction
                ? " The transaction must be rolled back." : ""), e);
    }

    /** Whether there was a transaction to mark (none for a statement in autocommit). */
    private boolean markRollbackOnly() {
        if (session.isOpen() && session.getTransaction().isActive()) {
            session.getTransaction().setRollbackOnly();
            return true;
        }
        return false;
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** Binds every parameter of a statement. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** Reads one row of a result. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }
}
