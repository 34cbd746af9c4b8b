package io.stratum.it;

class SqliteModelValuesTest extends ModelValuesContract {

    @Override
    TestDatabase newDatabase() {
        return new SqliteTestDatabase();
    }
}
