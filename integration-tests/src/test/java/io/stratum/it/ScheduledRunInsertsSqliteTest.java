package io.stratum.it;

class ScheduledRunInsertsSqliteTest extends ScheduledRunInsertsContract {
    @Override
    TestDatabase newDatabase() {
        return new SqliteTestDatabase();
    }
}
