package io.stratum.it;

class FlowRunGraphPostgresTest extends FlowRunGraphContract {

    @Override
    TestDatabase newDatabase() {
        return new PostgresTestDatabase();
    }
}
