package io.stratum.it;

class IdempotentCreatesPostgresTest extends IdempotentCreatesContract {
    @Override
    TestDatabase newDatabase() {
        return new PostgresTestDatabase();
    }
}
