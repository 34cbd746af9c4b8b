package io.stratum.migrations.internal;

import io.stratum.api.MigrationException;
import io.stratum.migrations.Bookkeeping;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * PostgreSQL: a session-level advisory lock ({@link Bookkeeping#POSTGRES_ADVISORY_LOCK_KEY}) held on a
 * connection of its own for the whole operation. The server releases it when that session ends, so a
 * process that dies never leaves it behind. Each revision's transaction checks in {@code pg_locks} that
 * the holding session still holds it: if the lock connection broke, the revision is rolled back rather
 * than run beside another process.
 */
final class PostgresAdvisoryLock implements MigrationLock {
    private static final Logger LOG = System.getLogger(PostgresAdvisoryLock.class.getName());
    private static final long KEY = Bookkeeping.POSTGRES_ADVISORY_LOCK_KEY;
    private static final String HELD_BY = "FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
            + " AND l.classid::bigint = " + (KEY >>> 32) + " AND l.objid::bigint = " + (KEY & 0xFFFF_FFFFL)
            + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())";

    private final Connection connection;
    private final int pid;

    private PostgresAdvisoryLock(Connection connection, int pid) {
        this.connection = connection;
        this.pid = pid;
    }

    static PostgresAdvisoryLock acquire(DataSource dataSource) throws SQLException, InterruptedException {
        Connection connection = dataSource.getConnection();
        try {
            connection.setAutoCommit(true);
            int pid;
            try (Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT pg_backend_pid()")) {
                row.next();
                pid = row.getInt(1);
            }
            long started = System.nanoTime();
            long lastReport = started;
            long sleep = 50;
            while (true) {
                try (Statement statement = connection.createStatement();
                     ResultSet row = statement.executeQuery("SELECT pg_try_advisory_lock(" + KEY + ")")) {
                    row.next();
                    if (row.getBoolean(1)) {
                        return new PostgresAdvisoryLock(connection, pid);
                    }
                }
                long now = System.nanoTime();
                if (now - lastReport > 10_000_000_000L) {
                    lastReport = now;
                    String holder = holder(connection);
                    LOG.log(Level.INFO, () -> "Waiting " + (now - started) / 1_000_000_000L + " s for the migration lock (advisory lock "
                            + KEY + ") held by " + holder + ".");
                }
                Thread.sleep(sleep);
                sleep = Math.min(500, sleep * 2);
            }
        } catch (SQLException | RuntimeException | InterruptedException e) {
            try {
                connection.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    private static String holder(Connection connection) {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT a.pid, a.application_name, a.client_addr, a.backend_start "
                     + "FROM pg_stat_activity a WHERE a.pid IN (SELECT l.pid " + HELD_BY + ")")) {
            if (row.next()) {
                return "server process " + row.getInt(1) + " (application '" + row.getString(2) + "', client "
                        + row.getString(3) + ", connected " + row.getString(4) + ")";
            }
            return "a session that just released it";
        } catch (SQLException e) {
            return "another session";
        }
    }

    @Override
    public void verify(Connection transaction) throws SQLException {
        try (PreparedStatement statement = transaction.prepareStatement("SELECT count(*) " + HELD_BY + " AND l.pid = ?")) {
            statement.setInt(1, pid);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                if (row.getInt(1) == 0) {
                    throw new MigrationException("This process lost the migration lock (advisory lock " + KEY
                            + ", held by server process " + pid + ", whose session ended). The revision was rolled back; "
                            + "run the migration again.");
                }
            }
        }
    }

    @Override
    public String owner() {
        return "PostgreSQL server process " + pid;
    }

    @Override
    public void close() {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_unlock(" + KEY + ")");
        } catch (SQLException e) {
            LOG.log(Level.DEBUG, "Releasing the migration lock failed; it ends with the session", e);
        } finally {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.log(Level.DEBUG, "Closing the migration lock connection failed", e);
            }
        }
    }
}
