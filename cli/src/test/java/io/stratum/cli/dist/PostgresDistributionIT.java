package io.stratum.cli.dist;

import static io.stratum.cli.ExitCode.BEHIND;
import static io.stratum.cli.ExitCode.FAILURE;
import static io.stratum.cli.ExitCode.OK;
import static io.stratum.cli.ExitCode.SCHEMA_DRIFT;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution on PostgreSQL, each test in its own database ({@code cli_<random>}) created on the
 * server of {@code STRATUM_TEST_POSTGRES_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/test}) as
 * {@code STRATUM_TEST_POSTGRES_USER} (default postgres) and dropped afterwards. An unreachable server
 * fails these tests; they are skipped only with {@code STRATUM_SKIP_POSTGRES=true}.
 */
class PostgresDistributionIT {
    static final String ADMIN_URL = env("STRATUM_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = env("STRATUM_TEST_POSTGRES_USER", "postgres");
    /** The password that works: the configured one, else "postgres", else none. */
    static String password;

    @TempDir
    Path dir;

    private String name;
    private String url;
    private Distribution stratum;
    private List<String> revisions;
    private String newest;

    @BeforeAll
    static void serverIsReachable() {
        if ("true".equalsIgnoreCase(System.getenv("STRATUM_SKIP_POSTGRES"))) {
            Assumptions.abort("STRATUM_SKIP_POSTGRES=true");
        }
        assertThat(ADMIN_URL).as("the tests only connect to a server on the loopback address")
                .startsWith("jdbc:postgresql://127.0.0.1:");
        List<String> candidates = new ArrayList<>();
        String configured = System.getenv("STRATUM_TEST_POSTGRES_PASSWORD");
        if (configured != null) {
            candidates.add(configured);
        } else {
            candidates.add("postgres");
            candidates.add(null);
        }
        SQLException last = null;
        for (String candidate : candidates) {
            try (Connection connection = connect(ADMIN_URL, candidate)) {
                assertThat(connection.isValid(5)).isTrue();
                password = candidate;
                return;
            } catch (SQLException e) {
                last = e;
            }
        }
        throw new AssertionError("PostgreSQL for the tests is not reachable at " + ADMIN_URL + " as " + USER + ": "
                + (last == null ? "?" : last.getMessage()) + ". Start it, set STRATUM_TEST_POSTGRES_URL/_USER/_PASSWORD, "
                + "or set STRATUM_SKIP_POSTGRES=true to skip the PostgreSQL tests.", last);
    }

    @BeforeEach
    void createDatabase() throws Exception {
        name = "cli_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection admin = connect(ADMIN_URL, password); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        int slash = ADMIN_URL.lastIndexOf('/');
        int query = ADMIN_URL.indexOf('?', slash);
        url = ADMIN_URL.substring(0, slash + 1) + name + (query >= 0 ? ADMIN_URL.substring(query) : "");
        stratum = Distribution.built()
                .env("STRATUM_HOME", dir.resolve("home").toString())
                .env("STRATUM_DATABASE_URL", url)
                .env("STRATUM_DATABASE_USER", USER);
        if (password != null) {
            stratum.env("STRATUM_DATABASE_PASSWORD", password);
        }
        revisions = stratum.revisions("postgresql");
        newest = revisions.get(revisions.size() - 1);
    }

    @AfterEach
    void dropDatabase() throws Exception {
        try (Connection admin = connect(ADMIN_URL, password); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    @Test
    void upgradeCheckCurrentHistoryDowngradeDryRunAndReset() throws Exception {
        assertThat(stratum.run("database", "current").exits(OK).out().strip()).isEqualTo("base");
        stratum.run("database", "check").exits(BEHIND);

        Distribution.Result upgrade = stratum.run("database", "upgrade", "-y").exits(OK);
        assertThat(upgrade.out()).contains("Upgrading the database at " + url, "Migrations succeeded!");
        for (String revision : revisions) {
            assertThat(upgrade.out()).contains("Applied revision " + revision + " (");
        }
        assertThat(stratum.run("database", "check").exits(OK).out()).contains("up to date at revision " + newest);
        assertThat(stratum.run("database", "current").exits(OK).out().strip()).isEqualTo(newest);
        List<String> history = stratum.run("database", "history").exits(OK).out().lines().toList();
        assertThat(history).hasSize(revisions.size() + 1);
        assertThat(history.subList(1, history.size())).allMatch(line -> line.contains(" applied "));
        assertThat(tables()).contains("flow", "flow_run", "stratum_schema_history");

        Distribution.Result downgrade = stratum.run("database", "downgrade", "-y").exits(OK);
        assertThat(downgrade.out()).contains("Reverted revision " + newest + " (", "Migrations succeeded!");
        assertThat(stratum.run("database", "check").exits(BEHIND).err()).contains("is behind");
        String previous = revisions.size() > 1 ? revisions.get(revisions.size() - 2) : "base";
        assertThat(stratum.run("database", "current").exits(OK).out().strip()).isEqualTo(previous);

        Distribution.Result dryRun = stratum.run("database", "upgrade", "--dry-run").exits(OK);
        assertThat(dryRun.out()).startsWith("-- Dry run").contains("-- Upgrade to revision " + newest);
        assertThat(stratum.run("database", "current").exits(OK).out().strip()).isEqualTo(previous);

        execute("CREATE TABLE not_from_a_migration (id integer)");
        Distribution.Result reset = stratum.run("database", "reset", "-y").exits(OK);
        assertThat(reset.out()).containsSubsequence("Downgrading database...", "Upgrading database...",
                "Stratum database " + url + " reset!");
        assertThat(tables()).contains("flow").doesNotContain("not_from_a_migration");
        stratum.run("database", "check").exits(OK);

        stratum.run("database", "downgrade", "-y", "-r", "base").exits(OK);
        assertThat(tables()).doesNotContain("flow");
        stratum.run("database", "upgrade", "-y").exits(OK);
        stratum.run("database", "check").exits(OK);
    }

    /**
     * {@code adopt} from the built distribution. The "Prefect" database: Stratum's revisions up to 3 (the
     * reference's schema), then the partial slug index, Prefect's constraint names, immediate foreign keys
     * and defaults (issue 15 item 5) made by hand, Stratum's history dropped and {@code alembic_version} added.
     */
    @Test
    void adoptDryRunThenYesThenUpgradeAndVerify() throws Exception {
        stratum.run("database", "upgrade", "-y", "-r", "3").exits(OK);
        for (String sql : List.of("DROP TABLE stratum_schema_history",
                "DROP INDEX ix_deployment_schedule__deployment_id__slug",
                "CREATE UNIQUE INDEX ix_deployment_schedule__deployment_id__slug ON deployment_schedule (deployment_id, slug) "
                        + "WHERE slug IS NOT NULL",
                "ALTER TABLE block_document_reference RENAME CONSTRAINT ck_block_document_reference__no_self_reference "
                        + "TO ck_block_document_reference__ck_block_document_referenc_824f",
                "ALTER TABLE block_document RENAME CONSTRAINT fk_block_document__block_schema_id__block_schema "
                        + "TO fk_block__block_schema_id__block_schema",
                "ALTER TABLE flow_run ALTER CONSTRAINT fk_flow_run__state_id__flow_run_state NOT DEFERRABLE",
                "ALTER TABLE work_pool ALTER CONSTRAINT fk_work_pool__default_queue_id__work_queue NOT DEFERRABLE",
                "ALTER TABLE work_queue ALTER COLUMN priority SET DEFAULT 1",
                "ALTER TABLE automation_bucket ALTER COLUMN bucketing_key DROP DEFAULT",
                "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)",
                "INSERT INTO alembic_version VALUES ('50737cdaee36')",
                "INSERT INTO flow (id, name) VALUES ('6f1c5a3e-0000-4000-8000-000000000001', 'kept')")) {
            execute(sql);
        }

        Distribution.Result older = stratum.run("database", "adopt").exits(BEHIND);
        assertThat(older.err()).contains("Cannot adopt " + url + " (Prefect revision 50737cdaee36); nothing was changed.",
                "upgrade it with Prefect first");

        execute("UPDATE alembic_version SET version_num = '9e9dadc36797'");
        Distribution.Result dryRun = stratum.run("database", "adopt").exits(OK);
        assertThat(dryRun.out()).contains("Dry run: adoption of the Prefect database at " + url
                        + " (Prefect revision 9e9dadc36797) would stamp it at Stratum revision 3.",
                "  - rename foreign key fk_block__block_schema_id__block_schema (block_document) to "
                        + "fk_block_document__block_schema_id__block_schema",
                "  - make foreign key fk_flow_run__state_id__flow_run_state (flow_run) DEFERRABLE INITIALLY DEFERRED",
                "Nothing was changed.");
        assertThat(tables()).contains("alembic_version").doesNotContain("stratum_schema_history");

        Distribution.Result adopted = stratum.run("database", "adopt", "-y").exits(OK);
        assertThat(adopted.out()).contains("Adopted the Prefect database at " + url);
        assertThat(tables()).doesNotContain("alembic_version");
        assertThat(stratum.run("database", "current").exits(OK).out().strip()).isEqualTo("3");
        assertThat(stratum.run("database", "upgrade", "-y").exits(OK).out())
                .contains("Applied revision 4 (", "Applied revision 6 (").doesNotContain("Applied revision 3 (");
        stratum.run("database", "verify").exits(OK);
        assertThat(stratum.run("database", "adopt").exits(OK).out()).contains("Nothing to adopt");
        try (Connection connection = connect(url, password); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name FROM flow")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("kept");
        }
    }

    @Test
    void adoptRefusesADatabaseThatIsNotPrefectsAndOneThatDiffers() throws Exception {
        stratum.run("database", "upgrade", "-y", "-r", "3").exits(OK);
        execute("DROP TABLE stratum_schema_history");
        assertThat(stratum.run("database", "adopt", "-y").exits(SCHEMA_DRIFT).err()).contains("has no alembic_version");
        execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)");
        execute("INSERT INTO alembic_version VALUES ('9e9dadc36797')");
        execute("ALTER TABLE flow DROP COLUMN labels");
        Distribution.Result refused = stratum.run("database", "adopt", "-y").exits(SCHEMA_DRIFT);
        assertThat(refused.err()).contains("nothing was changed", "  - column flow.labels (Flow.labels) is missing");
        assertThat(tables()).contains("alembic_version").doesNotContain("stratum_schema_history");
    }

    @Test
    void withoutYesAnEmptyStdinAborts() throws Exception {
        Distribution.Result upgrade = stratum.run("database", "upgrade").exits(FAILURE);
        assertThat(upgrade.err().strip()).isEqualTo("Database upgrade aborted!");
        assertThat(tables()).doesNotContain("flow");
    }

    @Test
    void thePasswordFileIsUsed() throws Exception {
        Path passwordFile = dir.resolve("password");
        Files.writeString(passwordFile, (password == null ? "" : password) + "\n");
        Distribution withFile = Distribution.built()
                .env("STRATUM_HOME", dir.resolve("home").toString());
        withFile.run("database", "upgrade", "-y", "--url", url, "--user", USER, "--password-file",
                passwordFile.toString()).exits(OK);
        withFile.run("--url", url, "--user", USER, "--password-file", passwordFile.toString(), "database", "check")
                .exits(OK);
    }

    @Test
    void aWrongUserIsReportedWithoutThePassword() throws Exception {
        String secret = "pw-" + UUID.randomUUID();
        Path passwordFile = dir.resolve("password");
        Files.writeString(passwordFile, secret);
        Distribution.Result check = stratum.run("database", "check", "-vv", "--user", "no_such_user_" + name,
                "--password-file", passwordFile.toString());
        assertThat(check.exitCode()).as(check.toString()).isEqualTo(io.stratum.cli.ExitCode.UNREACHABLE.code());
        assertThat(check.all()).doesNotContain(secret);
        assertThat(check.err()).contains("no_such_user_" + name);
    }

    @Test
    void thePlainModuleGraphResolvesWithoutAllModulePath() throws Exception {
        // Upgrading PostgreSQL needs Flyway's PostgreSQL support (automatic module flyway.database.postgresql),
        // which nothing requires: it must still be resolved in a plain launch.
        stratum.runPlainJava("database", "upgrade", "-y").exits(OK);
        stratum.runPlainJava("database", "check").exits(OK);
    }

    private List<String> tables() throws SQLException {
        try (Connection connection = connect(url, password); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")) {
            List<String> names = new ArrayList<>();
            while (rows.next()) {
                names.add(rows.getString(1));
            }
            return names;
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = connect(url, password); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /**
     * {@code clean} on PostgreSQL killed with SIGKILL mid-way (the launcher's JVM): the batches committed
     * stay deleted with everything cascading from them, the rest stays whole, and the next clean finishes.
     */
    @Test
    void aCleanKilledMidwayLeavesAConsistentDatabaseThatTheNextCleanFinishes() throws Exception {
        stratum.run("database", "upgrade", "-y").exits(OK);
        String flow = "6f1c5a3e-0000-4000-8000-000000000001";
        try (Connection connection = connect(url, password); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO flow (id, name) VALUES ('" + flow + "', 'flow')");
            statement.execute("INSERT INTO flow_run (id, name, flow_id, state_type, end_time) SELECT md5('r' || i)::uuid, "
                    + "'r', '" + flow + "', 'COMPLETED', now() - CASE WHEN i <= 3000 THEN interval '200 days' "
                    + "ELSE interval '10 days' END FROM generate_series(1, 3010) AS i");
            statement.execute("INSERT INTO flow_run_state (flow_run_id, type, name) SELECT id, 'COMPLETED', 'Completed' FROM flow_run");
            statement.execute("INSERT INTO task_run (flow_run_id, task_key, dynamic_key, name) SELECT id, 't', '0', 't' FROM flow_run");
            statement.execute("INSERT INTO log (name, level, flow_run_id, message, timestamp) SELECT 'l', 20, id, 'm', now() FROM flow_run");
        }
        Distribution.Running clean = stratum.start("database", "clean", "--older-than", "90d", "--batch-size", "1", "-y");
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(120).toNanos();
        while (count("flow_run") > 2900 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        clean.kill();
        long left = count("flow_run");
        assertThat(left).as("killed mid-way").isBetween(11L, 2900L);
        assertThat(count("flow_run_state")).isEqualTo(left);
        assertThat(count("task_run")).isEqualTo(left);
        stratum.run("database", "verify").exits(OK);
        Distribution.Result finish = stratum.run("database", "clean", "--older-than", "90d", "-y").exits(OK);
        assertThat(finish.out()).contains("  flow_run: " + (left - 10) + " rows deleted", "  task_run: " + (left - 10)
                + " rows deleted", "  log: 3000 rows deleted");
        assertThat(count("flow_run")).isEqualTo(10);
        assertThat(count("task_run")).isEqualTo(10);
        assertThat(count("log")).isEqualTo(10);
    }

    /**
     * The partitioned history form as an operator turns it on and off through the distribution: every row kept
     * both ways, the drift check clean on both forms, and a clean that drops the old days while the young rows
     * and the runs they belong to stay.
     */
    @Test
    void partitionOnCleanAndOffKeepEveryRowAndTheSchemaClean() throws Exception {
        stratum.run("database", "upgrade", "-y").exits(OK);
        String flow = "6f1c5a3e-0000-4000-8000-000000000002";
        try (Connection connection = connect(url, password); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO flow (id, name) VALUES ('" + flow + "', 'flow')");
            // Runs 1-20 finished 200 days ago (their logs too), runs 21-25 yesterday.
            statement.execute("INSERT INTO flow_run (id, name, flow_id, state_type, end_time) SELECT md5('p' || i)::uuid, "
                    + "'r', '" + flow + "', 'COMPLETED', now() - CASE WHEN i <= 20 THEN interval '200 days' "
                    + "ELSE interval '1 day' END FROM generate_series(1, 25) AS i");
            statement.execute("INSERT INTO log (name, level, flow_run_id, message, timestamp) SELECT 'l', 20, r.id, 'm', "
                    + "r.end_time FROM flow_run r, generate_series(1, 4)");
            // 30 events of 30 days ago and 6 of now, each with one resource.
            statement.execute("INSERT INTO events (id, occurred, event, resource_id, resource, payload, received, recorded) "
                    + "SELECT md5('e' || i)::uuid, now() - CASE WHEN i <= 30 THEN interval '30 days' ELSE interval '0' END, "
                    + "'stratum.test', 'r' || i, '{}', '{}', now(), now() FROM generate_series(1, 36) AS i");
            statement.execute("INSERT INTO event_resources (occurred, resource_id, resource_role, resource, event_id) "
                    + "SELECT occurred, resource_id, 'primary', '{}', id FROM events");
        }
        assertThat(stratum.run("database", "partition", "status").exits(OK).out())
                .contains("plain tables (the reference's form)");

        Distribution.Result on = stratum.run("database", "partition", "on", "-y").exits(OK);
        assertThat(on.out()).contains("  log: 100 rows moved", "  events: 36 rows moved", "  event_resources: 36 rows moved",
                "now in day partitions");
        assertThat(stratum.run("database", "partition", "status").exits(OK).out()).contains("in day partitions.");
        assertThat(stratum.run("database", "partition", "on", "-y").exits(OK).out()).contains("Nothing to do");
        stratum.run("database", "verify").exits(OK);
        assertThat(count("log")).isEqualTo(100);
        long dayPartitionsBefore = count("pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE c.relname LIKE 'log_p%'");

        Distribution.Result clean = stratum.run("database", "clean", "--older-than", "90d", "--events-older-than", "7d",
                "-y").exits(OK);
        assertThat(clean.out()).contains("  flow_run: 20 rows deleted", "  log: 80 rows deleted",
                "  events: 30 rows deleted", "  event_resources: 30 rows deleted");
        assertThat(count("flow_run")).isEqualTo(5);
        assertThat(count("log")).isEqualTo(20);
        assertThat(count("events")).isEqualTo(6);
        assertThat(count("event_resources")).isEqualTo(6);
        assertThat(count("pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE c.relname LIKE 'log_p%'"))
                .as("the day of the old logs is dropped whole").isLessThan(dayPartitionsBefore);
        stratum.run("database", "verify").exits(OK);

        Distribution.Result off = stratum.run("database", "partition", "off", "-y").exits(OK);
        assertThat(off.out()).contains("  log: 20 rows moved", "  events: 6 rows moved", "plain again");
        assertThat(stratum.run("database", "partition", "status").exits(OK).out())
                .contains("plain tables (the reference's form)");
        assertThat(count("log")).isEqualTo(20);
        assertThat(count("event_resources")).isEqualTo(6);
        stratum.run("database", "verify").exits(OK);
        stratum.run("database", "downgrade", "-y", "-r", "base").exits(OK);
    }

    private long count(String table) throws SQLException {
        try (Connection connection = connect(url, password); Statement statement = connection.createStatement();
             java.sql.ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Connection connect(String jdbcUrl, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
