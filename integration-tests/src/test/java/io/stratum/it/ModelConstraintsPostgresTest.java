package io.stratum.it;

class ModelConstraintsPostgresTest extends ModelConstraintsContract {

    @Override
    TestDatabase newDatabase() {
        return new PostgresTestDatabase();
    }
}
