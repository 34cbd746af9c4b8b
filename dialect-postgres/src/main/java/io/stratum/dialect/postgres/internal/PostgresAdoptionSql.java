package io.stratum.dialect.postgres.internal;

import io.stratum.api.spi.AdoptionSql;
import java.util.List;

/** Adopting a PostgreSQL database made by Prefect's migrations: every change is an ALTER, in the stamp's transaction. */
final class PostgresAdoptionSql implements AdoptionSql {
    /** Prefect's PostgreSQL chain (prefect-reference.md 5): head, and the revision before it. */
    private static final String HEAD = "9e9dadc36797";
    private static final String PREVIOUS_HEAD = "50737cdaee36";

    @Override
    public String prefectHead() {
        return HEAD;
    }

    @Override
    public String previousPrefectHead() {
        return PREVIOUS_HEAD;
    }

    @Override
    public boolean altersInPlace() {
        return true;
    }

    @Override
    public String renameConstraint(String table, String from, String to) {
        return "ALTER TABLE " + PostgresDialect.quote(table) + " RENAME CONSTRAINT " + PostgresDialect.quote(from)
                + " TO " + PostgresDialect.quote(to);
    }

    @Override
    public String deferForeignKey(String table, String constraint) {
        return "ALTER TABLE " + PostgresDialect.quote(table) + " ALTER CONSTRAINT " + PostgresDialect.quote(constraint)
                + " DEFERRABLE INITIALLY DEFERRED";
    }

    @Override
    public List<String> columnDefaults() {
        // Stratum's V1 declares these (work_queue.priority: none; bucketing_key: '[]'::jsonb).
        return List.of("ALTER TABLE work_queue ALTER COLUMN priority DROP DEFAULT",
                "ALTER TABLE automation_bucket ALTER COLUMN bucketing_key SET DEFAULT '[]'::jsonb");
    }
}
