package io.stratum.it;

class IdempotentCreatesSqliteTest extends IdempotentCreatesContract {
    @Override
    TestDatabase newDatabase() {
        return new SqliteTestDatabase();
    }
}
