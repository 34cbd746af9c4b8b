package io.stratum.it;

class ReadOnlySessionsPostgresTest extends ReadOnlySessionsContract {

    @Override
    TestDatabase newDatabase() {
        return new PostgresTestDatabase();
    }

    @Override
    String readOnlyRefusal() {
        return "in a read-only transaction";
    }
}
