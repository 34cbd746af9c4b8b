package io.stratum.dialect.sqlite.internal;

import io.stratum.api.spi.AdoptionSql;
import java.util.List;

/**
 * Adopting a SQLite database made by Prefect's migrations. SQLite cannot rename, defer or re-default a
 * constraint or column in place: its changes need table rebuilds ({@link #altersInPlace()} false).
 */
final class SqliteAdoptionSql implements AdoptionSql {
    /** Prefect's SQLite chain (prefect-reference.md 5): head, and the revision before it. */
    private static final String HEAD = "f416ea180ae1";
    private static final String PREVIOUS_HEAD = "14806cb26270";

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
        return false;
    }

    @Override
    public String renameConstraint(String table, String from, String to) {
        return "-- rebuild " + SqliteDialect.quote(table) + ": constraint " + from + " becomes " + to;
    }

    @Override
    public String deferForeignKey(String table, String constraint) {
        return "-- rebuild " + SqliteDialect.quote(table) + ": foreign key " + constraint + " DEFERRABLE INITIALLY DEFERRED";
    }

    @Override
    public List<String> columnDefaults() {
        return List.of("-- rebuild work_queue: priority without a default",
                "-- rebuild automation_bucket: bucketing_key DEFAULT '[]'");
    }
}
