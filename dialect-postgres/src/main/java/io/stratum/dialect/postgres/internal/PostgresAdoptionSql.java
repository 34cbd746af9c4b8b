package io.stratum.dialect.postgres.internal;

import io.stratum.api.spi.AdoptionSql;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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
    public boolean appliesInStampTransaction() {
        return true;
    }

    @Override
    public void apply(Connection connection, List<String> statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    @Override
    public String declareStateTypeColumn(String table, String column) {
        // Native enum columns have no declared width: the adopter never asks on PostgreSQL.
        throw new IllegalStateException("PostgreSQL state types are enum columns: " + table + "." + column);
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
