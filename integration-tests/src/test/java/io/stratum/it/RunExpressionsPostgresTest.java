package io.stratum.it;

class RunExpressionsPostgresTest extends RunExpressionsContract {

    @Override
    TestDatabase newDatabase() {
        return new PostgresTestDatabase();
    }
}
