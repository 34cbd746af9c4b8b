package io.stratum.it;

class BulkWritesSqliteTest extends BulkWritesContract {

    @Override
    TestDatabase newDatabase() {
        return new SqliteTestDatabase();
    }
}
