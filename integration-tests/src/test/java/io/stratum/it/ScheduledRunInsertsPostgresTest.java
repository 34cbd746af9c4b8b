package io.stratum.it;

class ScheduledRunInsertsPostgresTest extends ScheduledRunInsertsContract {
    @Override
    TestDatabase newDatabase() {
        return new PostgresTestDatabase();
    }

    @Override
    int insertStatementsPerCall() {
        return 1;
    }
}
