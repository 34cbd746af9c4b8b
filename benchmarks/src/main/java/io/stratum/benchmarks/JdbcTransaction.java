package io.stratum.benchmarks;

import java.sql.Connection;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One transaction of a hand-written JDBC path: a pooled connection out of autocommit, committed (or
 * rolled back when asked, or on failure), given back in autocommit. SQLite writers of one process queue
 * on {@code writer} first, as they must, and then all write on the one connection the database keeps for
 * them ({@link BenchDatabase#sqliteWriter}), as Stratum's do; {@code writer} is {@code null} for PostgreSQL.
 */
final class JdbcTransaction {
    private JdbcTransaction() {
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws Exception;
    }

    static <T> T run(BenchDatabase database, ReentrantLock writer, boolean commit, Work<T> work) throws Exception {
        if (writer != null) {
            writer.lock();
        }
        try {
            if (writer != null) {
                return inTransaction(database.sqliteWriter(), commit, work);
            }
            try (Connection connection = database.dataSource().getConnection()) {
                return inTransaction(connection, commit, work);
            }
        } finally {
            if (writer != null) {
                writer.unlock();
            }
        }
    }

    private static <T> T inTransaction(Connection connection, boolean commit, Work<T> work) throws Exception {
        connection.setAutoCommit(false);
        try {
            T result = work.run(connection);
            if (commit) {
                connection.commit();
            } else {
                connection.rollback();
            }
            return result;
        } catch (Exception e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** The fair queue SQLite writers of one process need; none on PostgreSQL. */
    static ReentrantLock writerQueue(BenchDatabase database) {
        return Dialects.SQLITE.equals(database.dialect()) ? new ReentrantLock(true) : null;
    }
}
