package io.stratum.it;

class ConfigurationValuesSqliteTest extends ConfigurationValuesContract {
    @Override
    TestDatabase newDatabase() {
        return new SqliteTestDatabase();
    }
}
