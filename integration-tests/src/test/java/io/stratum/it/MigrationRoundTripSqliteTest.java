package io.stratum.it;

class MigrationRoundTripSqliteTest extends MigrationRoundTripContract {
    @Override
    TestDatabase newDatabase() {
        return new SqliteTestDatabase();
    }
}
