package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratum.api.model.StateType;
import io.stratum.orm.model.FlowEntity;
import io.stratum.orm.model.FlowRunEntity;
import io.stratum.orm.types.FlowRunPolicy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
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
     * sizes of then). The tables grow here without an ANALYZE (autovacuum off for them), as they do in a
     * server's first minute.
     */
    @Test
    void aTransitionReadsTheTablesByKeyWhateverTheirSizeWhenFirstRun() throws SQLException {
        List<UUID> runs = new ArrayList<>();
        db.inTransaction(session -> {
            FlowEntity flow = new FlowEntity("plans-" + UUID.randomUUID());
            session.persist(flow);
            for (int i = 0; i < 3; i++) {
                FlowRunEntity run = new FlowRunEntity(flow.getId());
                run.setEmpiricalPolicy(FlowRunPolicy.empty());
                session.persist(run);
                runs.add(run.getId());
            }
            return null;
        });
        try (Connection admin = database.connect(); Statement statement = admin.createStatement()) {
            statement.execute("ALTER TABLE flow_run SET (autovacuum_enabled = false)");
            statement.execute("ALTER TABLE flow_run_state SET (autovacuum_enabled = false)");
        }
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
        try (Connection admin = database.connect(); Statement statement = admin.createStatement()) {
            statement.execute("INSERT INTO flow_run (id, flow_id, name, state_type)"
                    + " SELECT gen_random_uuid(), flow_id, 'grown-' || n, 'COMPLETED' FROM flow_run, generate_series(1, 3000) n"
                    + " WHERE flow_run.id = '" + runs.get(0) + "'");
            statement.execute("INSERT INTO flow_run_state (id, flow_run_id, type, name, \"timestamp\")"
                    + " SELECT gen_random_uuid(), r.id, 'COMPLETED', 'Completed', timestamp '2026-01-01' + n * interval '1 s'"
                    + " FROM flow_run r, generate_series(1, 10) n WHERE r.name LIKE 'grown-%'");
        }
        Map<String, Long> seqScans = db.inTransactionForUpdate(session -> {
            Connection connection = session.unwrap(Connection.class);
            Map<String, Long> before = BulkTransitionsPostgresTest.sequentialScans(connection);
            db.queries().transitions().setFlowRunState(session, runs.get(0), flowState(StateType.COMPLETED,
                    at.plusSeconds(60)));
            Map<String, Long> after = BulkTransitionsPostgresTest.sequentialScans(connection);
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
