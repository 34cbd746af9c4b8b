package io.stratum.it;

class QueryHelpersSqliteTest extends QueryHelpersContract {

    @Override
    TestDatabase newDatabase() {
        return new SqliteTestDatabase();
    }
}
