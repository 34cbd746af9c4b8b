package io.stratum.it;

class SqliteModelConstraintsTest extends ModelConstraintsContract {

    @Override
    TestDatabase newDatabase() {
        return new SqliteTestDatabase();
    }
}
