package io.stratum.it;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

class TransitionsPostgresTest extends TransitionsContract {
    @Override
    TestDatabase newDatabase() {
        return withoutSynchronousCommit(new PostgresTestDatabase());
    }

    @Override
    boolean aloneIsOneStatementInAutocommit() {
        return true;
    }

    @Override
    List<String> transitionStatements() {
        return List.of("WITH P AS (SELECT");
    }

    /**
     * The database with commits that return before their WAL reaches the disk: thousands of short
     * transactions take seconds instead of being bound by the machine's fsync latency. Locking and
     * visibility, what the concurrency tests prove, are unchanged; throughput printed is then that of
     * non-durable commits (the tests say so in their output).
     */
    static PostgresTestDatabase withoutSynchronousCommit(PostgresTestDatabase database) {
        try (Connection admin = PostgresTestDatabase.admin(); Statement statement = admin.createStatement()) {
            statement.execute("ALTER DATABASE " + database.name() + " SET synchronous_commit = off");
            return database;
        } catch (SQLException e) {
            database.close();
            throw new IllegalStateException("Could not configure test database " + database.name() + ": "
                    + e.getMessage(), e);
        }
    }
}
