package io.stratum.it;

import java.util.List;

class BulkTransitionsPostgresTest extends BulkTransitionsContract {
    @Override
    TestDatabase newDatabase() {
        return TransitionsPostgresTest.withoutSynchronousCommit(new PostgresTestDatabase());
    }

    /** Lock the 300 runs, then insert their states and update them in one statement. */
    @Override
    List<String> bulkStatements() {
        return List.of("SELECT", "WITH INSERTED AS (INSERT INTO FLOW_RUN_STATE");
    }
}
