package io.stratum.it;

class TransitionsSqliteTest extends TransitionsContract {
    @Override
    TestDatabase newDatabase() {
        return new SqliteTestDatabase();
    }
}
