package io.stratum.it;

class ConcurrencyLimitsPostgresTest extends ConcurrencyLimitsContract {
    @Override
    TestDatabase newDatabase() {
        return TransitionsPostgresTest.withoutSynchronousCommit(new PostgresTestDatabase());
    }
}
