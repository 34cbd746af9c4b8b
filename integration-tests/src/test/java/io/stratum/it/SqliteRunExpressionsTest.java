package io.stratum.it;

class SqliteRunExpressionsTest extends RunExpressionsContract {

    @Override
    TestDatabase newDatabase() {
        return new SqliteTestDatabase();
    }
}
