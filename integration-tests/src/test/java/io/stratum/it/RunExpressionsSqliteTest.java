package io.stratum.it;

class RunExpressionsSqliteTest extends RunExpressionsContract {

    @Override
    TestDatabase newDatabase() {
        return new SqliteTestDatabase();
    }
}
