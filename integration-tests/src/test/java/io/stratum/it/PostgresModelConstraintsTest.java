package io.stratum.it;

class PostgresModelConstraintsTest extends ModelConstraintsContract {

    @Override
    TestDatabase newDatabase() {
        return new PostgresTestDatabase();
    }
}
