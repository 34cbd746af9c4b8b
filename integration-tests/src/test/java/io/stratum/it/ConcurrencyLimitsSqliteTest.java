package io.stratum.it;

class ConcurrencyLimitsSqliteTest extends ConcurrencyLimitsContract {
    @Override
    TestDatabase newDatabase() {
        return new SqliteTestDatabase();
    }
}
