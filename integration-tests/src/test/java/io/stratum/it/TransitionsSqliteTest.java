package io.stratum.it;

import java.util.List;

class TransitionsSqliteTest extends TransitionsContract {
    @Override
    TestDatabase newDatabase() {
        return new SqliteTestDatabase();
    }

    @Override
    boolean aloneIsOneStatementInAutocommit() {
        return false;
    }

    @Override
    List<String> transitionStatements() {
        return List.of("SELECT", "INSERT INTO FLOW_RUN_STATE", "UPDATE FLOW_RUN");
    }
}
