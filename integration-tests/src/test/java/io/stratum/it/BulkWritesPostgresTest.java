package io.stratum.it;

class BulkWritesPostgresTest extends BulkWritesContract {

    @Override
    TestDatabase newDatabase() {
        return new PostgresTestDatabase();
    }
}
