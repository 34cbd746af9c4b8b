package io.stratum.it;

class ScheduledRunInsertsSqliteTest extends ScheduledRunInsertsContract {
    @Override
    TestDatabase newDatabase() {
        return new SqliteTestDatabase();
    }

    @Override
    int insertStatementsPerCall() {
        return 2;
    }
}
