package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratum.api.model.StateType;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

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
     * A transition reads the run and state tables by their keys, however small they were when its statement
     * was first run on the connection (the plan PostgreSQL keeps for a prepared statement is made with the
     * sizes of then), as long as they were never analyzed while small. The tables grow here without an
     * ANALYZE (autovacuum off for them), as they do in a server's first minute. Analyzed while small, the
     * plan PostgreSQL keeps reads them whole: unlike a batch, a single transition is sent without the
     * kept plan's settings around it (BulkWriteSql.keptPlan).
     */
    @Test
    void aTransitionReadsTheTablesByKeyWhateverTheirSizeWhenFirstRun() throws SQLException {
        List<UUID> runs = GrowingTables.newRuns(db, 3);
        GrowingTables.withoutAnalyze(database);
        Instant at = Instant.parse("2026-03-01T12:00:00Z");
        // More calls than the driver (5) and the server (5 more) run before a prepared statement's plan is kept.
        db.inTransactionForUpdate(session -> {
            for (int call = 0; call < 30; call++) {
                StateType type = call % 2 == 0 ? StateType.PENDING : StateType.RUNNING;
                db.queries().transitions().setFlowRunState(session, runs.get(call % runs.size()),
                        flowState(type, at.plusSeconds(call)));
            }
            return null;
        });
        GrowingTables.grow(database, runs.get(0));
        Map<String, Long> seqScans = db.inTransactionForUpdate(session -> {
            Connection connection = session.unwrap(Connection.class);
            Map<String, Long> before = GrowingTables.sequentialScans(connection);
            db.queries().transitions().setFlowRunState(session, runs.get(0), flowState(StateType.COMPLETED,
                    at.plusSeconds(60)));
            Map<String, Long> after = GrowingTables.sequentialScans(connection);
            after.replaceAll((table, scans) -> scans - before.getOrDefault(table, 0L));
            return after;
        });
        assertThat(seqScans).as("whole-table reads of the transition").containsOnly(
                Map.entry("flow_run", 0L), Map.entry("flow_run_state", 0L));
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
