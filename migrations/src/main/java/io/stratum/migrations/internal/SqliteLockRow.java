package io.stratum.migrations.internal;

import io.stratum.api.MigrationException;
import io.stratum.migrations.Bookkeeping;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * SQLite: a lock row with owner and expiry in {@link Bookkeeping#LOCK_TABLE}.
 *
 * <p>Why a row and not an exclusive transaction: SQLite has no session locks, so a lock that spans
 * several revisions must either be one transaction (and then every revision shares it: one failing
 * revision would undo all earlier ones, and Flyway, which commits each revision itself, cannot run
 * inside it) or state that survives commits. The row is that state. It is written in short
 * {@code BEGIN IMMEDIATE} transactions, so taking it is atomic across processes; a process that dies
 * holding it leaves a row that expires after {@link Bookkeeping#SQLITE_LOCK_LEASE} and is then taken
 * over.
 *
 * <p>Renewal: every revision's transaction renews the row at its start and at its end (see
 * {@link #verify}), and fails if the row is no longer ours. While a revision runs, its transaction
 * holds SQLite's write lock, so nobody can take the row over however long the revision takes; between
 * revisions the lease has just been renewed. No background thread is needed, and an in-memory
 * database (one pooled connection) works the same way.
 *
 * <p>The table exists only while the lock is held: releasing deletes the row and drops the table, so a
 * database at rest holds only the application's tables and the history.
 */
final class SqliteLockRow implements MigrationLock {
    private static final Logger LOG = System.getLogger(SqliteLockRow.class.getName());
    private static final String TABLE = Bookkeeping.LOCK_TABLE;
    private static final long LEASE_MILLIS = Bookkeeping.SQLITE_LOCK_LEASE.toMillis();

    private final DataSource dataSource;
    private final String owner;

    private SqliteLockRow(DataSource dataSource, String owner) {
        this.dataSource = dataSource;
        this.owner = owner;
    }

    static SqliteLockRow acquire(DataSource dataSource) throws SQLException, InterruptedException {
        String owner = host() + " pid " + ProcessHandle.current().pid() + " " + UUID.randomUUID().toString().substring(0, 8);
        long started = System.nanoTime();
        long lastReport = started;
        long sleep = 25;
        while (true) {
            String holder = tryAcquire(dataSource, owner);
            if (holder == null) {
                return new SqliteLockRow(dataSource, owner);
            }
            long now = System.nanoTime();
            if (now - lastReport > 10_000_000_000L) {
                lastReport = now;
                LOG.log(Level.INFO, () -> "Waiting " + (now - started) / 1_000_000_000L + " s for the migration lock held by " + holder
                        + ".");
            }
            Thread.sleep(sleep);
            sleep = Math.min(250, sleep * 2);
        }
    }

    /** One attempt: {@code null} when the lock is now ours, else a description of its holder. */
    private static String tryAcquire(DataSource dataSource, String owner) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try {
                return inImmediateTransaction(connection, () -> {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (id INTEGER NOT NULL PRIMARY KEY "
                                + "CHECK (id = 1), owner TEXT NOT NULL, acquired_at TEXT NOT NULL, expires_at INTEGER NOT NULL)");
                        long now = System.currentTimeMillis();
                        try (ResultSet row = statement.executeQuery("SELECT owner, acquired_at, expires_at FROM " + TABLE
                                + " WHERE id = 1")) {
                            if (row.next()) {
                                String holder = row.getString(1);
                                long expires = row.getLong(3);
                                if (expires > now) {
                                    return holder + " (since " + row.getString(2) + ", expires " + Instant.ofEpochMilli(expires)
                                            + " unless renewed)";
                                }
                                LOG.log(Level.WARNING, () -> "Taking over the migration lock of " + holder + ", which expired at "
                                        + Instant.ofEpochMilli(expires) + " without being released (did that process die?).");
                            }
                        }
                        try (PreparedStatement insert = connection.prepareStatement("INSERT OR REPLACE INTO " + TABLE
                                + " (id, owner, acquired_at, expires_at) VALUES (1, ?, ?, ?)")) {
                            insert.setString(1, owner);
                            insert.setString(2, Instant.ofEpochMilli(now).toString());
                            insert.setLong(3, now + LEASE_MILLIS);
                            insert.executeUpdate();
                        }
                        return null;
                    }
                });
            } catch (SQLException e) {
                if (isBusy(e)) {
                    return "another process writing to the database";
                }
                throw e;
            }
        }
    }

    @Override
    public void verify(Connection transaction) throws SQLException {
        try (PreparedStatement renew = transaction.prepareStatement("UPDATE " + TABLE + " SET expires_at = ? WHERE id = 1 "
                + "AND owner = ?")) {
            renew.setLong(1, System.currentTimeMillis() + LEASE_MILLIS);
            renew.setString(2, owner);
            if (renew.executeUpdate() == 1) {
                return;
            }
        } catch (SQLException e) {
            if (!String.valueOf(e.getMessage()).contains("no such table")) {
                throw e;
            }
        }
        throw new MigrationException("This process (" + owner + ") no longer holds the migration lock: its row in "
                + TABLE + " expired and was taken over, or was removed. The revision was rolled back; run the migration "
                + "again.");
    }

    @Override
    public String owner() {
        return owner;
    }

    @Override
    public void close() {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (Connection connection = dataSource.getConnection()) {
                inImmediateTransaction(connection, () -> {
                    try (Statement statement = connection.createStatement();
                         PreparedStatement delete = connection.prepareStatement("DELETE FROM " + TABLE
                                 + " WHERE id = 1 AND owner = ?")) {
                        delete.setString(1, owner);
                        delete.executeUpdate();
                        try (ResultSet rest = statement.executeQuery("SELECT count(*) FROM " + TABLE)) {
                            rest.next();
                            if (rest.getInt(1) == 0) {
                                statement.execute("DROP TABLE " + TABLE);
                            }
                        }
                    }
                    return null;
                });
                return;
            } catch (SQLException e) {
                if (!isBusy(e)) {
                    LOG.log(Level.WARNING, "Releasing the migration lock failed; it expires by itself after "
                            + Bookkeeping.SQLITE_LOCK_LEASE.toSeconds() + " s", e);
                    return;
                }
            }
        }
        LOG.log(Level.WARNING, "Releasing the migration lock failed: the database stayed busy; the lock expires by itself after "
                + Bookkeeping.SQLITE_LOCK_LEASE.toSeconds() + " s");
    }

    @FunctionalInterface
    private interface Work<T> {
        T run() throws SQLException;
    }

    /** Runs work in one transaction; the connection's transaction mode makes it {@code BEGIN IMMEDIATE}. */
    private static <T> T inImmediateTransaction(Connection connection, Work<T> work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                // Nothing began (BEGIN itself was busy): nothing to roll back.
            }
            throw e;
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                // The connection is unusable; closing it follows.
            }
        }
    }

    static boolean isBusy(SQLException e) {
        String message = String.valueOf(e.getMessage());
        return e.getErrorCode() == 5 || e.getErrorCode() == 6 || message.contains("SQLITE_BUSY")
                || message.contains("SQLITE_LOCKED") || message.contains("database is locked");
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown-host";
        }
    }
}
