package io.stratum.it;

class ModelValuesSqliteTest extends ModelValuesContract {

    @Override
    TestDatabase newDatabase() {
        return new SqliteTestDatabase();
    }
}
