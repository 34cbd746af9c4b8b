package io.stratum.it;

class PoolExhaustionPostgresTest extends PoolExhaustionContract {

    @Override
    TestDatabase newDatabase() {
        return new PostgresTestDatabase();
    }
}
