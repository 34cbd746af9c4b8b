package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratum.api.SchemaReport;
import org.junit.jupiter.api.Test;

class SchemaVerificationPostgresTest extends SchemaVerificationContract {

    @Override
    TestDatabase newDatabase() {
        return new PostgresTestDatabase();
    }

    @Override
    void makeNullable(String table, String column) throws Exception {
        execute("ALTER TABLE " + table + " ALTER COLUMN " + column + " DROP NOT NULL");
    }

    @Override
    void changeColumnType(String table, String column, String type) throws Exception {
        execute("ALTER TABLE " + table + " ALTER COLUMN " + column + " TYPE " + type);
    }

    @Override
    void changeOnDelete(String table, String constraint, String column, String action) throws Exception {
        String referenced = text("SELECT confrelid::regclass::text FROM pg_constraint WHERE conname = ?", constraint);
        execute("ALTER TABLE " + table + " DROP CONSTRAINT " + constraint);
        execute("ALTER TABLE " + table + " ADD CONSTRAINT " + constraint + " FOREIGN KEY (" + column + ") REFERENCES "
                + referenced + " (id) ON DELETE " + action);
    }

    @Override
    long objectCount() throws Exception {
        return Long.parseLong(text("SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = current_schema()) + (SELECT count(*) FROM pg_type t JOIN pg_namespace n "
                + "ON n.oid = t.typnamespace WHERE n.nspname = current_schema()) + (SELECT count(*) FROM pg_proc p "
                + "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = current_schema()) + (SELECT count(*) "
                + "FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE n.nspname = current_schema())"));
    }

    @Test
    void reportsANativeEnumTypeThatDiffersFromTheModelAndTheReference() throws Exception {
        execute("ALTER TYPE worker_status ADD VALUE 'BUSY'");
        execute("CREATE TYPE mood AS ENUM ('HAPPY')");

        SchemaReport report = db.verifySchema();

        assertThat(report.problems()).containsExactlyInAnyOrder(
                "enum type worker_status has the labels ONLINE,OFFLINE,BUSY, but WorkerStatus has ONLINE,OFFLINE",
                "enum type worker_status is 'ONLINE,OFFLINE,BUSY', but the reference has 'ONLINE,OFFLINE'",
                "enum type mood is unknown: the reference does not list it");
    }
}
