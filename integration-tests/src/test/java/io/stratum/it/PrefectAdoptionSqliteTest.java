package io.stratum.it;

class PrefectAdoptionSqliteTest extends PrefectAdoptionContract {

    @Override
    TestDatabase newDatabase() {
        return new SqliteTestDatabase();
    }

    @Override
    boolean applies() {
        return true;
    }
}
