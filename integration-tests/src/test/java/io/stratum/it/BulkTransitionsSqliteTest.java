package io.stratum.it;

import java.util.List;

class BulkTransitionsSqliteTest extends BulkTransitionsContract {
    @Override
    TestDatabase newDatabase() {
        return new SqliteTestDatabase();
    }

    /** Read the 300 runs, then one JDBC batch of state inserts and one of run updates. */
    @Override
    List<String> bulkStatements() {
        return List.of("SELECT", "INSERT INTO FLOW_RUN_STATE", "UPDATE FLOW_RUN");
    }
}
