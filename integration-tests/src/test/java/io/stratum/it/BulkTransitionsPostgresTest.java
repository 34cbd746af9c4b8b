package io.stratum.it;

import java.util.List;

class BulkTransitionsPostgresTest extends BulkTransitionsContract {
    @Override
    TestDatabase newDatabase() {
        return TransitionsPostgresTest.withoutSynchronousCommit(new PostgresTestDatabase());
    }

    /** Lock the 300 runs, insert their states and update them: one statement. */
    @Override
    List<String> bulkStatements() {
        return List.of("WITH P AS (SELECT CAST(? AS TIMESTAMPTZ) AS NOW");
    }
}
