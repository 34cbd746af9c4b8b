package io.stratum.it;

class BulkWritesSqliteTest extends BulkWritesContract {

    @Override
    TestDatabase newDatabase() {
        return new SqliteTestDatabase();
    }

    @Override
    void refuseResource(java.sql.Statement statement) throws java.sql.SQLException {
        statement.execute("CREATE TRIGGER refuse_resource BEFORE INSERT ON event_resources WHEN NEW.resource_id = '"
                + REFUSED_RESOURCE + "' BEGIN SELECT RAISE(ABORT, 'resource refused by the test'); END");
    }
}
