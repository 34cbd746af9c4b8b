package io.stratum.it;

class ModelConstraintsSqliteTest extends ModelConstraintsContract {

    @Override
    TestDatabase newDatabase() {
        return new SqliteTestDatabase();
    }
}
