package io.stratum.it;

class RetentionPostgresTest extends RetentionContract {

    @Override
    TestDatabase newDatabase() {
        return new PostgresTestDatabase();
    }
}
