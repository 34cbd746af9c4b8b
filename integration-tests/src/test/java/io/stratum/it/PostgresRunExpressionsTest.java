package io.stratum.it;

class PostgresRunExpressionsTest extends RunExpressionsContract {

    @Override
    TestDatabase newDatabase() {
        return new PostgresTestDatabase();
    }
}
