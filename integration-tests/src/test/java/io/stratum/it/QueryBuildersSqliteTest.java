package io.stratum.it;

class QueryBuildersSqliteTest extends QueryBuildersContract {

    @Override
    TestDatabase newDatabase() {
        return new SqliteTestDatabase();
    }

    @Override
    boolean usesJsonStrings() {
        return true;
    }
}
