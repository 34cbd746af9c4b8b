package io.stratum.it;

class ModelValuesPostgresTest extends ModelValuesContract {

    @Override
    TestDatabase newDatabase() {
        return new PostgresTestDatabase();
    }
}
