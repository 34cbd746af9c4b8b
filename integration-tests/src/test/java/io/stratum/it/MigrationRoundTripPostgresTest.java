package io.stratum.it;

class MigrationRoundTripPostgresTest extends MigrationRoundTripContract {
    @Override
    TestDatabase newDatabase() {
        return new PostgresTestDatabase();
    }
}
