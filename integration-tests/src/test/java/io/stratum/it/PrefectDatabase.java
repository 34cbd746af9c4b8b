package io.stratum.it;

import io.stratum.migrations.RevisionScripts;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A database as Prefect's real migration chain leaves it at its head (issue 15 item 5), written for
 * the adoption tests. The reference's tables, indexes and enum types are Stratum's revisions V1 to V3
 * (V4 and V5 are Stratum's own extensions, not in Prefect) plus V6 (the partial slug index, which is
 * Prefect's own form); every real-chain difference is then applied to that text explicitly, one
 * {@link Difference} each, and a difference that no longer applies fails the test instead of passing
 * unnoticed. Last, {@code alembic_version} holds the head.
 */
final class PrefectDatabase {
    static final String POSTGRES_HEAD = "9e9dadc36797";
    static final String POSTGRES_PREVIOUS_HEAD = "50737cdaee36";
    static final String SQLITE_HEAD = "f416ea180ae1";
    static final String SQLITE_PREVIOUS_HEAD = "14806cb26270";
    private static final Set<String> STRATUM_EXTENSIONS = Set.of("4", "5");

    /** One real-chain difference: {@code from} (a regular expression) becomes {@code to} in the DDL. */
    record Difference(String what, String from, String to) {
    }

    /** The differences on PostgreSQL, as issue 15 item 5 lists them. */
    static final List<Difference> POSTGRES = List.of(
            new Difference("check name cut to 63 characters with a hash", "CONSTRAINT ck_block_document_reference__no_self_reference ",
                    "CONSTRAINT ck_block_document_reference__ck_block_document_referenc_824f "),
            new Difference("foreign key named after the old table", "CONSTRAINT fk_block_document__block_schema_id__block_schema ",
                    "CONSTRAINT fk_block__block_schema_id__block_schema "),
            new Difference("foreign key name cut with a hash suffix",
                    "CONSTRAINT fk_block_schema_reference__reference_block_schema_id__block_sch ",
                    "CONSTRAINT fk_block_schema_reference__reference_block_schema_id__b_6e5d "),
            new Difference("work_pool.default_queue_id not deferrable",
                    "REFERENCES work_queue \\(id\\) ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED",
                    "REFERENCES work_queue (id) ON DELETE RESTRICT"),
            new Difference("flow_run.state_id not deferrable",
                    "REFERENCES flow_run_state \\(id\\) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED",
                    "REFERENCES flow_run_state (id) ON DELETE SET NULL"),
            new Difference("work_queue.priority defaults to 1", "(\\n\\s+priority\\s+integer\\s+NOT NULL),", "$1 DEFAULT 1,"),
            new Difference("automation_bucket.bucketing_key has no default",
                    "(bucketing_key\\s+jsonb\\s+NOT NULL) DEFAULT '\\[\\]'::jsonb,", "$1,"));

    /** The differences on SQLite, as issue 15 item 5 lists them. */
    static final List<Difference> SQLITE = List.of(
            new Difference("check name with the naming convention applied twice",
                    "CONSTRAINT ck_block_document_reference__no_self_reference ",
                    "CONSTRAINT ck_block_document_reference__ck_block_document_reference__no_self_reference "),
            new Difference("foreign key named after the old table", "CONSTRAINT fk_block_document__block_schema_id__block_schema ",
                    "CONSTRAINT fk_block__block_schema_id__block_schema "),
            new Difference("work_pool.default_queue_id not deferrable",
                    "REFERENCES work_queue \\(id\\) ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED",
                    "REFERENCES work_queue (id) ON DELETE RESTRICT"),
            new Difference("flow_run.state_id not deferrable",
                    "REFERENCES flow_run_state \\(id\\) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED",
                    "REFERENCES flow_run_state (id) ON DELETE SET NULL"),
            new Difference("*_desc indexes of the runs and their states plain ascending",
                    "(ON (?:flow_run|task_run|flow_run_state|task_run_state) \\((?:\\w+, )?\"?\\w+\"?) DESC\\)", "$1)"),
            new Difference("*_name_case_insensitive indexes (flow_run, task_run, deployment, block_type) without NOCASE",
                    "(ON (?:flow_run|task_run|deployment|block_type) \\(name) COLLATE NOCASE\\)", "$1)"),
            new Difference("no coalesce(start_time, expected_start_time) indexes",
                    "CREATE INDEX ix_flow_run__coalesce_start_time_expected_start_time_(?:asc|desc)\\s+ON flow_run "
                            + "\\(coalesce\\(start_time, expected_start_time\\) (?:ASC|DESC)\\);", ""),
            new Difference("state types declared VARCHAR(9)", "(\\n\\s+(?:state_type|type)\\s+)VARCHAR\\(10\\)", "$1VARCHAR(9)"),
            new Difference("work_queue.priority defaults to 1", "(\\n\\s+priority\\s+INTEGER\\s+NOT NULL),", "$1 DEFAULT 1,"),
            new Difference("automation_bucket.bucketing_key has no default",
                    "(bucketing_key\\s+JSON\\s+NOT NULL) DEFAULT '\\[\\]',", "$1,"));

    private PrefectDatabase() {
    }

    static boolean isPostgres(TestDatabase database) {
        return Dialects.POSTGRESQL.equals(database.dialect());
    }

    static String head(TestDatabase database) {
        return isPostgres(database) ? POSTGRES_HEAD : SQLITE_HEAD;
    }

    static String previousHead(TestDatabase database) {
        return isPostgres(database) ? POSTGRES_PREVIOUS_HEAD : SQLITE_PREVIOUS_HEAD;
    }

    /** Creates the Prefect schema at {@code alembicRevision} in the (empty) test database. */
    static void create(TestDatabase database, String alembicRevision) throws SQLException {
        RevisionScripts scripts = RevisionScripts.bundled();
        StringBuilder ddl = new StringBuilder();
        for (String file : scripts.fileNames(database.dialect())) {
            if (!STRATUM_EXTENSIONS.contains(RevisionScripts.versionOf(file))) {
                ddl.append(scripts.up(database.dialect(), file)).append('\n');
            }
        }
        String text = ddl.toString().replaceAll("(?m)^\\s*--.*$", "");
        for (Difference difference : isPostgres(database) ? POSTGRES : SQLITE) {
            String changed = text.replaceAll(difference.from(), difference.to());
            if (changed.equals(text)) {
                throw new IllegalStateException("The real-chain difference '" + difference.what()
                        + "' no longer applies to Stratum's scripts: " + difference.from());
            }
            text = changed;
        }
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements(text)) {
                statement.execute(sql);
            }
            statement.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
                    + "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))");
            statement.execute("INSERT INTO alembic_version (version_num) VALUES ('" + alembicRevision + "')");
        }
    }

    /** The statements of a script without comments: split at semicolons ending a line. */
    private static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        for (String part : script.split(";\\s*(\\n|$)")) {
            if (!part.isBlank()) {
                statements.add(part.strip());
            }
        }
        return statements;
    }
}
