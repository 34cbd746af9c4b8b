package io.stratum.it;

class QueryHelpersPostgresTest extends QueryHelpersContract {

    @Override
    TestDatabase newDatabase() {
        return new PostgresTestDatabase();
    }
}
