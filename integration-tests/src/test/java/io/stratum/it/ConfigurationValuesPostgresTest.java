package io.stratum.it;

class ConfigurationValuesPostgresTest extends ConfigurationValuesContract {
    @Override
    TestDatabase newDatabase() {
        return new PostgresTestDatabase();
    }
}
