package io.stratum.it;

class RetentionSqliteTest extends RetentionContract {

    @Override
    TestDatabase newDatabase() {
        return new SqliteTestDatabase();
    }
}
