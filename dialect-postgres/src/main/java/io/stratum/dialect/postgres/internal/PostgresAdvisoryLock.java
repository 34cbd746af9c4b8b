package io.stratum.dialect.postgres.internal;

import io.stratum.api.ConfigurationException;
import io.stratum.api.MigrationException;
import io.stratum.api.SettingKey;
import io.stratum.api.spi.MigrationLock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import javax.sql.DataSource;

/**
 * PostgreSQL: a session-level advisory lock ({@link #KEY}) held on a connection of its own for the whole
 * operation. The server releases it when that session ends, so a process that dies (or whose backend is
 * terminated) never leaves it behind. While held, the session's {@code application_name} names the
 * holding process (host and pid), so a waiter can say who it waits for. Each revision's transaction
 * checks in {@code pg_locks} that the holding session still holds it: if the lock connection broke, the
 * revision is rolled back rather than run beside another process.
 *
 * <p>Any role that can connect can take the key ({@code pg_advisory_lock} needs no privilege); the
 * waiter then names that session from {@code pg_locks} and {@code pg_stat_activity} and gives up at
 * {@code lock_timeout}.
 */
final class PostgresAdvisoryLock implements MigrationLock {
    private static final Logger LOG = System.getLogger(PostgresAdvisoryLock.class.getName());

    /** The ASCII bytes of "Stratum"; documented as {@code io.stratum.migrations.Bookkeeping.POSTGRES_ADVISORY_LOCK_KEY}. */
    static final long KEY = 0x0053_7472_6174_756DL;
    private static final String HELD_BY = "FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
            + " AND l.classid::bigint = " + (KEY >>> 32) + " AND l.objid::bigint = " + (KEY & 0xFFFF_FFFFL)
            + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())";

    private final DataSource dataSource;
    /** Whether these connections were found to be sessions of their own (checked once, before the first try). */
    private boolean sessionsChecked;

    PostgresAdvisoryLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<MigrationLock.Held> tryAcquire() throws SQLException {
        if (!sessionsChecked) {
            refuseTransactionPooler();
            sessionsChecked = true;
        }
        Connection connection = dataSource.getConnection();
        try {
            connection.setAutoCommit(true);
            int pid;
            try (Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT pg_try_advisory_lock(" + KEY + "), pg_backend_pid()")) {
                row.next();
                if (!row.getBoolean(1)) {
                    connection.close();
                    return Optional.empty();
                }
                pid = row.getInt(2);
            }
            String owner = MigrationLock.Process.current().toString();
            try (PreparedStatement name = connection.prepareStatement("SELECT set_config('application_name', ?, false)")) {
                name.setString(1, "stratum migration: " + owner);
                name.executeQuery().close();
            }
            return Optional.of(new HeldLock(connection, pid, owner));
        } catch (SQLException | RuntimeException e) {
            try {
                connection.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /**
     * A session advisory lock taken through a transaction-mode pooler (PgBouncer {@code pool_mode =
     * transaction}) locks whichever server session ran that statement, and the revisions after it may run on
     * others: a silently unlocked migration, and a lock left behind in the pooler's session. So before the
     * lock is taken: connection A reads its server process id and goes idle; connection B opens a
     * transaction and reads its own. Direct (or session-pooled) connections are two server processes, each
     * the same for its whole life. Behind a transaction pooler B is handed A's idle server session (the same
     * pid), or else A's next statement runs on another one (its pid changed). Either refuses the migration
     * before anything is read or applied.
     */
    private void refuseTransactionPooler() throws SQLException {
        try (Connection first = dataSource.getConnection()) {
            first.setAutoCommit(true);
            int firstPid = backendPid(first);
            String redactedUrl = io.stratum.api.Redaction.url(first.getMetaData().getURL());
            try (Connection second = dataSource.getConnection()) {
                second.setAutoCommit(false);
                try {
                    int secondPid = backendPid(second);
                    int firstAgain = backendPid(first);
                    if (secondPid == firstPid || firstAgain != firstPid) {
                        throw new ConfigurationException("Migrations refused: " + redactedUrl + " leads through a "
                                + "transaction-mode connection pooler (" + (secondPid == firstPid
                                ? "two connections were served by the same PostgreSQL server process " + firstPid
                                : "one connection moved from PostgreSQL server process " + firstPid + " to " + firstAgain)
                                + "), and a migration needs one database session of its own for its lock and its revisions. "
                                + "Nothing was applied. Set " + SettingKey.MIGRATION_URL.environmentVariable() + " to the "
                                + "database server's own address (bypassing the pooler); with "
                                + SettingKey.TRANSACTION_POOLER.environmentVariable() + "=true for " + SettingKey.URL
                                .environmentVariable() + ".");
                    }
                } finally {
                    second.rollback();
                    second.setAutoCommit(true);
                }
            }
        }
    }

    private static int backendPid(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT pg_backend_pid()")) {
            row.next();
            return row.getInt(1);
        }
    }

    @Override
    public Optional<String> holder() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT l.pid, a.application_name, a.client_addr, a.usename, "
                     + "a.backend_start, a.xact_start " + HELD_BY.replace("FROM pg_locks l",
                     "FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid"))) {
            if (!row.next()) {
                return Optional.empty();
            }
            StringBuilder holder = new StringBuilder("PostgreSQL server process ").append(row.getInt(1));
            String application = row.getString(2);
            holder.append(" (application '").append(application == null ? "?" : application).append("'");
            holder.append(", role ").append(orUnknown(row.getString(4)));
            holder.append(", client ").append(orUnknown(row.getString(3)));
            holder.append(", connected since ").append(orUnknown(row.getString(5)));
            if (row.getString(6) != null) {
                holder.append(", in a transaction since ").append(row.getString(6));
            }
            return Optional.of(holder.append(")").toString());
        }
    }

    private static String orUnknown(String value) {
        return value == null ? "unknown" : value;
    }

    private static final class HeldLock implements MigrationLock.Held {
        private final Connection connection;
        private final int pid;
        private final String owner;

        HeldLock(Connection connection, int pid, String owner) {
            this.connection = connection;
            this.pid = pid;
            this.owner = owner;
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
            return owner + ", PostgreSQL server process " + pid;
        }

        @Override
        public void close() {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_advisory_unlock(" + KEY + ")");
                statement.execute("RESET application_name");
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
}
