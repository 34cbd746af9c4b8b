package io.stratum.it;

class BulkWritesPostgresTest extends BulkWritesContract {

    @Override
    TestDatabase newDatabase() {
        return new PostgresTestDatabase();
    }

    @Override
    void refuseResource(java.sql.Statement statement) throws java.sql.SQLException {
        statement.execute("CREATE FUNCTION refuse_resource() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF NEW.resource_id = '" + REFUSED_RESOURCE + "' THEN RAISE EXCEPTION 'resource refused by the test'; "
                + "END IF; RETURN NEW; END $$");
        statement.execute("CREATE TRIGGER refuse_resource BEFORE INSERT ON event_resources FOR EACH ROW "
                + "EXECUTE FUNCTION refuse_resource()");
    }
}
