package io.stratum.it;

class StorageValuesSqliteTest extends StorageValuesContract {

    @Override
    TestDatabase newDatabase() {
        return new SqliteTestDatabase();
    }

    @Override
    String createTable() {
        return "CREATE TABLE t (ts TIMESTAMP, iv INTERVAL)";
    }
}
