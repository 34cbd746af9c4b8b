package io.stratum.it;

class FlowRunGraphSqliteTest extends FlowRunGraphContract {

    @Override
    TestDatabase newDatabase() {
        return new SqliteTestDatabase();
    }
}
