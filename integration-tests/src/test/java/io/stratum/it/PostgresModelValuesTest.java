package io.stratum.it;

class PostgresModelValuesTest extends ModelValuesContract {

    @Override
    TestDatabase newDatabase() {
        return new PostgresTestDatabase();
    }
}
