package io.stratum.it;

class PoolExhaustionSqliteTest extends PoolExhaustionContract {

    @Override
    TestDatabase newDatabase() {
        return new SqliteTestDatabase();
    }

    @Override
    boolean writesShareAConnection() {
        return true;
    }
}
