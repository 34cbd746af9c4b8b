package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratum.api.model.FlowRunState;
import io.stratum.api.model.StateType;
import io.stratum.api.query.ProposedState;
import io.stratum.orm.model.FlowRunEntity;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BulkTransitionsPostgresTest extends BulkTransitionsContract {
    @Override
    TestDatabase newDatabase() {
        return TransitionsPostgresTest.withoutSynchronousCommit(new PostgresTestDatabase());
    }

    /**
     * Lock the 300 runs, insert their states and update them: one statement, sent in one round trip between
     * the settings of its kept plan and their restoring.
     */
    @Override
    List<String> bulkStatements() {
        return List.of("SELECT SET_CONFIG('STRATUM.SETTINGS_BEFORE_KEPT_PLAN'");
    }

    /**
     * A batch's plan is made once per connection and kept (PostgreSQL counts, per prepared statement of the
     * connection, the calls that ran its generic plan and those planned for themselves), and the settings
     * that make it hold for the statement only: the caller's own settings of the transaction are back after it.
     */
    @Test
    void aBatchKeepsItsPlanAndLeavesTheCallersSettingsAsTheyWere() {
        List<UUID> runs = GrowingTables.newRuns(db, 10);
        Instant at = Instant.parse("2026-03-01T12:00:00Z");
        List<String> settingsAfter = new ArrayList<>();
        long[] plans = db.inTransactionForUpdate(session -> {
            Connection connection = session.unwrap(Connection.class);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL enable_seqscan = on");
                statement.execute("SET LOCAL plan_cache_mode = force_custom_plan");
            }
            for (int call = 0; call < 20; call++) {
                StateType type = call % 2 == 0 ? StateType.PENDING : StateType.RUNNING;
                Instant when = at.plusSeconds(call);
                db.queries().transitions().setFlowRunStates(session, runs.stream()
                        .map(id -> ProposedState.<FlowRunState>of(id, flowState(type, when))).toList());
            }
            try (Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT current_setting('enable_seqscan'),"
                         + " current_setting('plan_cache_mode'), current_setting('enable_nestloop'),"
                         + " (SELECT sum(generic_plans) FROM pg_prepared_statements"
                         + " WHERE statement LIKE '%INSERT INTO flow_run_state%'), (SELECT sum(custom_plans)"
                         + " FROM pg_prepared_statements WHERE statement LIKE '%INSERT INTO flow_run_state%')")) {
                row.next();
                settingsAfter.add(row.getString(1));
                settingsAfter.add(row.getString(2));
                settingsAfter.add(row.getString(3));
                return new long[] {row.getLong(4), row.getLong(5)};
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(settingsAfter).containsExactly("on", "force_custom_plan", "on");
        // The driver prepares the statement on the server from its fifth call on (16 of the 20 calls); every
        // one of them ran the generic plan, which the server makes once and keeps, none a plan of its own.
        assertThat(plans[0]).as("calls on the kept (generic) plan").isEqualTo(16);
        assertThat(plans[1]).as("calls planned for themselves (custom)").isZero();
    }

    /**
     * A batch reads the run and state tables by their keys, however small they were when the statement
     * was first run on the connection: a plan PostgreSQL keeps from then (a prepared statement's generic
     * plan) hashed the whole state table once per batch, and kept doing so as the table grew. The tables
     * are analyzed while small (a plan made then reads them whole) and grow without another ANALYZE
     * (autovacuum off for them), as they can in a server's first minute.
     */
    @Test
    void aBatchReadsTheTablesByKeyWhateverTheirSizeWhenFirstRun() throws SQLException {
        List<UUID> runs = GrowingTables.newRuns(db, 10);
        GrowingTables.analyzedNowNotAgain(database);
        Instant at = Instant.parse("2026-03-01T12:00:00Z");
        // More calls than the driver (5) and the server (5 more) run before a prepared statement's plan is kept.
        for (int call = 0; call < 30; call++) {
            StateType type = call % 2 == 0 ? StateType.PENDING : StateType.RUNNING;
            Instant when = at.plusSeconds(call);
            db.inTransactionForUpdate(session -> db.queries().transitions().setFlowRunStates(session, runs.stream()
                    .map(id -> ProposedState.<FlowRunState>of(id, flowState(type, when))).toList()));
        }
        GrowingTables.grow(database, runs.get(0));
        Map<String, Long> seqScans = db.inTransactionForUpdate(session -> {
            Connection connection = session.unwrap(Connection.class);
            Map<String, Long> before = GrowingTables.sequentialScans(connection);
            db.queries().transitions().setFlowRunStates(session, runs.stream()
                    .map(id -> ProposedState.<FlowRunState>of(id, flowState(StateType.COMPLETED, at.plusSeconds(60))))
                    .toList());
            Map<String, Long> after = GrowingTables.sequentialScans(connection);
            after.replaceAll((table, scans) -> scans - before.getOrDefault(table, 0L));
            return after;
        });
        assertThat(seqScans).as("whole-table reads of the batch").containsOnly(
                Map.entry("flow_run", 0L), Map.entry("flow_run_state", 0L));
        assertThat(db.sessionContext(false, false, session -> session.find(FlowRunEntity.class, runs.get(9)))
                .getStateType()).isEqualTo(StateType.COMPLETED);
    }
}
