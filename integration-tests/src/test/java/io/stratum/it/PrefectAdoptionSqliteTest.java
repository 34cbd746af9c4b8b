package io.stratum.it;

class PrefectAdoptionSqliteTest extends PrefectAdoptionContract {

    @Override
    TestDatabase newDatabase() {
        return new SqliteTestDatabase();
    }

    @Override
    boolean applies() {
        return false; // applying on SQLite (table rebuilds) is not implemented yet
    }
}
