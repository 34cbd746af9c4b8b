package io.stratum.dialect.sqlite.internal;

import io.stratum.api.MigrationException;
import io.stratum.api.spi.MigrationLock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import javax.sql.DataSource;

/**
 * SQLite: a lock row in {@link #TABLE} naming its holder (host, pid, process start, since when) with an
 * expiry.
 *
 * <p>Why a row and not an exclusive transaction: SQLite has no session locks, so a lock that spans
 * several revisions must either be one transaction (and then every revision shares it: one failing
 * revision would undo all earlier ones, and Flyway, which commits each revision itself, cannot run
 * inside it) or state that survives commits. The row is that state. It is written in short
 * {@code BEGIN IMMEDIATE} transactions, so taking it is atomic across processes.
 *
 * <p>A holder that died is taken over at once when it ran on this host (its pid is no longer alive,
 * or belongs to a younger process); a holder on another host (a shared volume) is taken over once its
 * row expires, {@link #LEASE} after its last renewal.
 *
 * <p>Renewal: every revision's transaction renews the row at its start and at its end (see
 * {@link Held#verify}), and fails if the row is no longer ours. While a revision runs, its transaction
 * holds SQLite's write lock, so nobody can take the row over however long the revision takes; between
 * revisions the lease has just been renewed. No background thread is needed, and an in-memory
 * database (one pooled connection) works the same way.
 *
 * <p>The table exists only while the lock is held: releasing deletes the row and drops the table, so a
 * database at rest holds only the application's tables and the history.
 */
final class SqliteLockRow implements MigrationLock {
    private static final Logger LOG = System.getLogger(SqliteLockRow.class.getName());
    /** Documented as {@code io.stratum.migrations.Bookkeeping.LOCK_TABLE}. */
    static final String TABLE = "stratum_migration_lock";
    /** Documented as {@code io.stratum.migrations.Bookkeeping.SQLITE_LOCK_LEASE}. */
    static final Duration LEASE = Duration.ofSeconds(60);

    private final DataSource dataSource;

    SqliteLockRow(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<MigrationLock.Held> tryAcquire() throws SQLException {
        Process self = Process.current();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        try (Connection connection = dataSource.getConnection()) {
            boolean taken = inImmediateTransaction(connection, () -> {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (id INTEGER NOT NULL PRIMARY KEY "
                            + "CHECK (id = 1), owner TEXT NOT NULL, host TEXT NOT NULL, pid INTEGER NOT NULL, "
                            + "process_start TEXT, acquired_at TEXT NOT NULL, expires_at INTEGER NOT NULL)");
                    long now = System.currentTimeMillis();
                    Optional<Row> current = read(connection);
                    if (current.isPresent()) {
                        Row row = current.get();
                        if (row.process.isGone()) {
                            LOG.log(Level.WARNING, () -> "Taking over the migration lock of " + row.describe()
                                    + ": that process is no longer running.");
                        } else if (row.expiresAt <= now) {
                            LOG.log(Level.WARNING, () -> "Taking over the migration lock of " + row.describe() + ", which expired at "
                                    + Instant.ofEpochMilli(row.expiresAt) + " without being released (did that process die?).");
                        } else {
                            return false;
                        }
                    }
                    try (PreparedStatement insert = connection.prepareStatement("INSERT OR REPLACE INTO " + TABLE
                            + " (id, owner, host, pid, process_start, acquired_at, expires_at) VALUES (1, ?, ?, ?, ?, ?, ?)")) {
                        insert.setString(1, tag);
                        insert.setString(2, self.host());
                        insert.setLong(3, self.pid());
                        insert.setString(4, self.start().map(Instant::toString).orElse(null));
                        insert.setString(5, Instant.ofEpochMilli(now).toString());
                        insert.setLong(6, now + LEASE.toMillis());
                        insert.executeUpdate();
                    }
                    return true;
                }
            });
            return taken ? Optional.of(new Held(self, tag)) : Optional.empty();
        } catch (SQLException e) {
            if (isBusy(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Optional<String> holder() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return read(connection).map(Row::describe);
        } catch (SQLException e) {
            if (isBusy(e)) {
                return Optional.of("another process writing to the database");
            }
            throw e;
        }
    }

    private static Optional<Row> read(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT host, pid, process_start, acquired_at, expires_at FROM " + TABLE
                     + " WHERE id = 1")) {
            if (!row.next()) {
                return Optional.empty();
            }
            String start = row.getString(3);
            return Optional.of(new Row(new Process(row.getString(1), row.getLong(2),
                    Optional.ofNullable(start).map(Instant::parse)), row.getString(4), row.getLong(5)));
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).contains("no such table")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static final class Row {
        final Process process;
        final String since;
        final long expiresAt;

        Row(Process process, String since, long expiresAt) {
            this.process = process;
            this.since = since;
            this.expiresAt = expiresAt;
        }

        String describe() {
            return process + ", holding it since " + since;
        }
    }

    private final class Held implements MigrationLock.Held {
        private final Process self;
        private final String tag;

        Held(Process self, String tag) {
            this.self = self;
            this.tag = tag;
        }

        @Override
        public void verify(Connection transaction) throws SQLException {
            try (PreparedStatement renew = transaction.prepareStatement("UPDATE " + TABLE + " SET expires_at = ? WHERE id = 1 "
                    + "AND owner = ?")) {
                renew.setLong(1, System.currentTimeMillis() + LEASE.toMillis());
                renew.setString(2, tag);
                if (renew.executeUpdate() == 1) {
                    return;
                }
            } catch (SQLException e) {
                if (!String.valueOf(e.getMessage()).contains("no such table")) {
                    throw e;
                }
            }
            throw new MigrationException("This process (" + owner() + ") no longer holds the migration lock: its row in "
                    + TABLE + " expired and was taken over, or was removed. The revision was rolled back; run the migration "
                    + "again.");
        }

        @Override
        public String owner() {
            return self.toString();
        }

        @Override
        public void close() {
            for (int attempt = 0; attempt < 20; attempt++) {
                try (Connection connection = dataSource.getConnection()) {
                    inImmediateTransaction(connection, () -> {
                        try (Statement statement = connection.createStatement();
                             PreparedStatement delete = connection.prepareStatement("DELETE FROM " + TABLE
                                     + " WHERE id = 1 AND owner = ?")) {
                            delete.setString(1, tag);
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
                        LOG.log(Level.WARNING, "Releasing the migration lock failed; the next migration takes it over "
                                + "once this process has ended, or after " + LEASE.toSeconds() + " s from another host", e);
                        return;
                    }
                }
            }
            LOG.log(Level.WARNING, "Releasing the migration lock failed: the database stayed busy; the next migration takes it over "
                    + "once this process has ended, or after " + LEASE.toSeconds() + " s from another host");
        }
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
}
