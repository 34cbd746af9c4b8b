package io.stratum.it;

class PrefectAdoptionPostgresTest extends PrefectAdoptionContract {

    @Override
    TestDatabase newDatabase() {
        return new PostgresTestDatabase();
    }

    @Override
    boolean applies() {
        return true;
    }
}
