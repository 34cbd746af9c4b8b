package io.stratum.cli.dist;

import static io.stratum.cli.ExitCode.AHEAD;
import static io.stratum.cli.ExitCode.BEHIND;
import static io.stratum.cli.ExitCode.FAILURE;
import static io.stratum.cli.ExitCode.MIGRATION_FAILED;
import static io.stratum.cli.ExitCode.OK;
import static io.stratum.cli.ExitCode.SCHEMA_DRIFT;
import static io.stratum.cli.ExitCode.USAGE;
import static org.assertj.core.api.Assertions.assertThat;

import io.stratum.cli.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The distribution on SQLite: a database file per test under a temporary folder. */
class SqliteDistributionIT {
    @TempDir
    Path dir;

    private Distribution stratum;
    private String url;
    private List<String> revisions;
    private String newest;

    @BeforeEach
    void setUp() throws Exception {
        url = "jdbc:sqlite:" + dir.resolve("stratum.db");
        stratum = Distribution.built()
                .env("STRATUM_HOME", dir.resolve("home").toString())
                .env("STRATUM_DATABASE_URL", url);
        revisions = stratum.revisions("sqlite");
        assertThat(revisions).as("revisions in the migrations jar").isNotEmpty();
        newest = revisions.get(revisions.size() - 1);
    }

    /**
     * {@code adopt} on SQLite from the built distribution. The "Prefect" database: Stratum's revisions up
     * to 3 (the reference's schema), then made as Prefect's SQLite chain leaves it where SQLite can alter
     * in place (a plain instead of a DESC index, no coalesce indexes, the partial slug index), Stratum's
     * history dropped and {@code alembic_version} added.
     */
    @Test
    void adoptDryRunThenYesWithABackupThenUpgradeAndVerify() throws Exception {
        stratum.run("database", "upgrade", "-y", "-r", "3").exits(OK);
        for (String sql : List.of("DROP TABLE stratum_schema_history",
                "DROP INDEX ix_flow_run__end_time_desc",
                "CREATE INDEX ix_flow_run__end_time_desc ON flow_run (end_time)",
                "DROP INDEX ix_flow_run__coalesce_start_time_expected_start_time_asc",
                "DROP INDEX ix_flow_run__coalesce_start_time_expected_start_time_desc",
                "DROP INDEX ix_deployment_schedule__deployment_id__slug",
                "CREATE UNIQUE INDEX ix_deployment_schedule__deployment_id__slug ON deployment_schedule (deployment_id, slug) "
                        + "WHERE slug IS NOT NULL",
                "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)",
                "INSERT INTO alembic_version VALUES ('f416ea180ae1')",
                "INSERT INTO flow (id, name) VALUES ('6f1c5a3e-0000-4000-8000-000000000001', 'kept')")) {
            execute(sql);
        }

        Distribution.Result dryRun = stratum.run("database", "adopt").exits(OK);
        assertThat(dryRun.out()).contains("Dry run: adoption of the Prefect database at " + url
                        + " (Prefect revision f416ea180ae1) would stamp it at Stratum revision 3.",
                "  - re-create index ix_flow_run__end_time_desc (flow_run) as (end_time DESC) (Prefect: plain)",
                "  - create index ix_flow_run__coalesce_start_time_expected_start_time_asc (flow_run)",
                "Nothing was changed.");
        assertThat(tables()).contains("alembic_version");

        Distribution.Result adopted = stratum.run("database", "adopt", "-y").exits(OK);
        assertThat(adopted.out()).contains("Adopted the Prefect database at " + url, "  backup copy of the file: ");
        String backup = adopted.out().lines().filter(l -> l.startsWith("  backup copy of the file: ")).findFirst()
                .orElseThrow().substring("  backup copy of the file: ".length());
        assertThat(Path.of(backup)).exists();
        assertThat(tables()).doesNotContain("alembic_version");
        stratum.run("database", "upgrade", "-y").exits(OK);
        stratum.run("database", "verify").exits(OK);
        assertThat(count("flow")).isEqualTo(1);
    }

    @Test
    void adoptRefusesThePreviousPrefectHead() throws Exception {
        stratum.run("database", "upgrade", "-y", "-r", "3").exits(OK);
        execute("DROP TABLE stratum_schema_history");
        execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)");
        execute("INSERT INTO alembic_version VALUES ('14806cb26270')");
        assertThat(stratum.run("database", "adopt", "-y").exits(BEHIND).err())
                .contains("at Prefect revision 14806cb26270", "upgrade it with Prefect first");
        assertThat(tables()).contains("alembic_version").doesNotContain("stratum_schema_history");
    }

    @Test
    void upgradeThenCheckIsUpToDate() {
        Distribution.Result upgrade = stratum.run("database", "upgrade", "-y").exits(OK);
        assertThat(upgrade.out()).contains("Upgrading the database at " + url, "Migrations succeeded!",
                "The database is at revision " + newest);
        for (String revision : revisions) {
            assertThat(upgrade.out()).contains("Applied revision " + revision + " (");
        }
        // No library chatter on the console by default.
        assertThat(upgrade.err()).isEmpty();

        Distribution.Result check = stratum.run("database", "check").exits(OK);
        assertThat(check.out()).contains("up to date at revision " + newest);
        assertThat(check.err()).isEmpty();

        assertThat(stratum.run("database", "upgrade", "-y").exits(OK).out())
                .contains("Nothing to apply", "Migrations succeeded!");
    }

    @Test
    void currentPrintsBaseThenTheNewestRevision() throws Exception {
        // A missing file is no database (SqliteFilesIT); an empty one is a database at base.
        java.nio.file.Files.createFile(dir.resolve("stratum.db"));
        assertThat(stratum.run("database", "current").exits(OK).out()).isEqualTo("base\n");
        stratum.run("database", "upgrade", "-y").exits(OK);
        assertThat(stratum.run("database", "current").exits(OK).out()).isEqualTo(newest + "\n");
    }

    @Test
    void historyListsEveryRevisionAppliedWithItsTimeOrPending() {
        stratum.run("database", "upgrade", "-y").exits(OK);
        List<String> applied = stratum.run("database", "history").exits(OK).out().lines().toList();
        assertThat(applied.get(0)).startsWith("REVISION").contains("STATE", "APPLIED AT");
        assertThat(applied).hasSize(revisions.size() + 1);
        for (int i = 0; i < revisions.size(); i++) {
            assertThat(applied.get(i + 1)).matches(revisions.get(i) + " +applied +\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ .*");
        }
        assertThat(applied.get(revisions.size())).endsWith("(current)");

        stratum.run("database", "downgrade", "-y").exits(OK);
        List<String> afterDowngrade = stratum.run("database", "history").exits(OK).out().lines().toList();
        assertThat(afterDowngrade.get(revisions.size())).matches(newest + " +pending +- .*");
    }

    @Test
    void downgradeThenCheckIsBehind() {
        stratum.run("database", "upgrade", "-y").exits(OK);
        Distribution.Result downgrade = stratum.run("database", "downgrade", "-y").exits(OK);
        assertThat(downgrade.out()).contains("Reverted revision " + newest + " (", "Migrations succeeded!");

        Distribution.Result check = stratum.run("database", "check").exits(BEHIND);
        assertThat(check.out()).isEmpty();
        assertThat(check.err().strip()).doesNotContain("\n").contains("is behind", "newest is " + newest,
                "stratum database upgrade");
        String previous = revisions.size() > 1 ? revisions.get(revisions.size() - 2) : "base";
        assertThat(stratum.run("database", "current").exits(OK).out().strip()).isEqualTo(previous);

        stratum.run("database", "downgrade", "-y", "-r", "base").exits(OK);
        assertThat(stratum.run("database", "current").exits(OK).out().strip()).isEqualTo("base");
        assertThat(stratum.run("database", "check").exits(BEHIND).err()).contains("at revision base");
    }

    @Test
    void dryRunsPrintSqlAndChangeNothing() throws Exception {
        // A dry run of a database that does not exist yet plans from base and creates nothing.
        Distribution.Result upgrade = stratum.run("database", "upgrade", "--dry-run").exits(OK);
        assertThat(upgrade.out()).startsWith("-- Dry run").contains("CREATE TABLE flow", "Nothing was changed");
        assertThat(dir.resolve("stratum.db")).doesNotExist();
        // And of an empty one, the same, leaving it empty.
        java.nio.file.Files.createFile(dir.resolve("stratum.db"));
        stratum.run("database", "upgrade", "--dry-run").exits(OK);
        assertThat(stratum.run("database", "current").exits(OK).out().strip()).isEqualTo("base");
        assertThat(tables()).doesNotContain("flow", "stratum_schema_history");

        stratum.run("database", "upgrade", "-y").exits(OK);
        List<String> before = tables();
        Distribution.Result downgrade = stratum.run("database", "downgrade", "--dry-run", "-r", "base").exits(OK);
        assertThat(downgrade.out()).startsWith("-- Dry run").contains("DROP TABLE");
        assertThat(stratum.run("database", "current").exits(OK).out().strip()).isEqualTo(newest);
        assertThat(tables()).isEqualTo(before);
    }

    @Test
    void resetDropsEverythingAndRecreatesTheSchema() throws Exception {
        stratum.run("database", "upgrade", "-y").exits(OK);
        execute("CREATE TABLE not_from_a_migration (id INTEGER)");
        execute("INSERT INTO flow (id, name) VALUES ('00000000-0000-0000-0000-000000000001', 'a flow')");

        Distribution.Result reset = stratum.run("database", "reset", "-y").exits(OK);
        assertThat(reset.out()).containsSubsequence("Downgrading database...", "Upgrading database...",
                "Stratum database " + url + " reset!");
        assertThat(tables()).contains("flow").doesNotContain("not_from_a_migration");
        assertThat(count("flow")).isZero();
        stratum.run("database", "check").exits(OK);
    }

    @Test
    void withoutYesAnEmptyStdinAborts() throws Exception {
        Distribution.Result upgrade = stratum.run("database", "upgrade").exits(FAILURE);
        assertThat(upgrade.out()).contains("Upgrade the database at " + url, "[y/N]");
        assertThat(upgrade.err().strip()).isEqualTo("Database upgrade aborted!");
        assertThat(tables()).doesNotContain("flow");

        stratum.run("database", "upgrade", "-y").exits(OK);
        assertThat(stratum.run("database", "downgrade").exits(FAILURE).err().strip())
                .isEqualTo("Database downgrade aborted!");
        Distribution.Result reset = stratum.runWithInput("no\n", "database", "reset").exits(FAILURE);
        assertThat(reset.out()).contains("Drop and recreate all tables", url);
        assertThat(reset.err().strip()).isEqualTo("Database reset aborted");
        assertThat(stratum.run("database", "current").exits(OK).out().strip()).isEqualTo(newest);
    }

    @Test
    void answeringYesAtThePromptProceeds() {
        Distribution.Result upgrade = stratum.runWithInput("y\n", "database", "upgrade").exits(OK);
        assertThat(upgrade.out()).contains("[y/N]", "Migrations succeeded!");
        assertThat(stratum.runWithInput("yes\n", "database", "downgrade").exits(OK).out())
                .contains("Migrations succeeded!");
    }

    @Test
    void stampRecordsARevisionWithoutRunningIt() throws Exception {
        stratum.run("database", "upgrade", "-y", "-r", revisions.get(0)).exits(OK);
        assertThat(stratum.run("database", "current").exits(OK).out().strip()).isEqualTo(revisions.get(0));
        List<String> before = tables();

        // Without -y and without stdin: the question names the database and both revisions, then aborts.
        Distribution.Result declined = stratum.run("database", "stamp", newest).exits(FAILURE);
        assertThat(declined.out()).contains("Stamp the database at " + url + " from revision " + revisions.get(0)
                + " to revision " + newest + "?");
        assertThat(declined.err()).contains("Database stamp aborted!");
        assertThat(stratum.run("database", "current").exits(OK).out().strip()).isEqualTo(revisions.get(0));
        Distribution.Result dryRun = stratum.run("database", "stamp", "--dry-run", newest).exits(OK);
        assertThat(dryRun.out()).startsWith("-- Dry run: stamping " + url + " from revision " + revisions.get(0)
                + " to revision " + newest + " would record revision").contains("Nothing was changed");
        assertThat(stratum.run("database", "current").exits(OK).out().strip()).isEqualTo(revisions.get(0));

        assertThat(stratum.run("database", "stamp", "-y", newest).exits(OK).out())
                .contains("Stamped the database at " + url + " with revision " + newest);
        assertThat(stratum.run("database", "current").exits(OK).out().strip()).isEqualTo(newest);
        assertThat(tables()).isEqualTo(before);
        stratum.run("database", "check").exits(OK);
    }

    @Test
    void stampRefusesToRemoveARevisionUnknownToThisBuildUnlessForced() throws Exception {
        stratum.run("database", "upgrade", "-y").exits(OK);
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO stratum_schema_history (installed_rank, version, description, type, script, "
                    + "checksum, installed_by, installed_on, execution_time, success) SELECT installed_rank + 1000, '9999', "
                    + "'from the future', type, 'V9999__from_the_future.sql', checksum, installed_by, installed_on, "
                    + "execution_time, success FROM stratum_schema_history WHERE version = '" + newest + "'");
        }
        Distribution.Result refused = stratum.run("database", "stamp", "-y", newest).exits(AHEAD);
        assertThat(refused.err()).contains("9999", "--force", "Nothing was changed");
        assertThat(stratum.run("database", "current").exits(OK).out().strip()).isEqualTo("9999");
        assertThat(stratum.run("database", "stamp", "--dry-run", newest).exits(OK).out())
                .contains("remove revision 9999 (unknown to this build)", "refused without --force");
        assertThat(stratum.run("database", "stamp", "-y", "--force", newest).exits(OK).out())
                .contains("removed revision 9999 (unknown to this build)");
        stratum.run("database", "check").exits(OK);
    }

    @Test
    void stampHelpListsBaseAndHead() {
        assertThat(stratum.run("database", "stamp", "--help").exits(OK).out()).contains("'head'", "'base'", "--dry-run",
                "--force", "--yes");
    }

    @Test
    void unknownRevisionsAreRefused() {
        Distribution.Result upgrade = stratum.run("database", "upgrade", "-y", "-r", "9999").exits(MIGRATION_FAILED);
        assertThat(upgrade.err().strip()).startsWith("Error: ").contains("Unknown revision '9999'").doesNotContain("\n");
        stratum.run("database", "stamp", "nope").exits(MIGRATION_FAILED);
        stratum.run("database", "stamp").exits(USAGE);
    }

    @Test
    void aFailingMigrationExitsSevenAndLeavesTheLastWholeRevision() throws Exception {
        Assumptions.assumeTrue(revisions.size() > 1, "needs two revisions");
        stratum.run("database", "upgrade", "-y", "-r", revisions.get(0)).exits(OK);
        // Revision 2 creates deployment_version; a table of that name in the way makes it fail.
        execute("CREATE TABLE deployment_version (x INTEGER)");
        Distribution.Result upgrade = stratum.run("database", "upgrade", "-y").exits(MIGRATION_FAILED);
        String error = upgrade.err().lines().filter(l -> l.startsWith("Error: ")).findFirst().orElseThrow();
        assertThat(error).contains("failed", "deployment_version");
        assertThat(upgrade.err()).doesNotContain("\tat ");
        assertThat(stratum.run("database", "current").exits(OK).out().strip()).isEqualTo(revisions.get(0));
        assertThat(stratum.run("database", "upgrade", "-y", "-v").exits(MIGRATION_FAILED).err()).contains("\tat ");
    }

    @Test
    void aFirstUpgradeIsQuietByDefaultAndShowsFlywayAtDebugWithVv() throws Exception {
        Distribution.Result quiet = stratum.run("database", "upgrade", "-y").exits(OK);
        assertThat(quiet.err()).as("stderr of a first upgrade at default verbosity").isEmpty();
        stratum.run("database", "downgrade", "-r", "base", "-y").exits(OK);
        Distribution.Result verbose = stratum.run("database", "upgrade", "-y", "-vv").exits(OK);
        assertThat(verbose.err()).contains("DEBUG org.flywaydb.core.internal.command.DbMigrate: Migrating schema");
        assertThat(verbose.err().lines()).noneMatch(line -> line.startsWith("INFO org.flywaydb"));
    }

    @Test
    void verifyReportsSchemaDriftAndExits8() throws Exception {
        stratum.run("database", "upgrade", "-y").exits(OK);
        assertThat(stratum.run("database", "verify").exits(OK).out()).contains("matches the model");
        execute("CREATE TABLE operator_scratch (x INTEGER)");
        execute("DROP INDEX ix_flow__created");
        Distribution.Result verify = stratum.run("database", "verify").exits(SCHEMA_DRIFT);
        assertThat(verify.err()).contains("operator_scratch", "ix_flow__created");
        // One difference per line: a heading naming the count, then one "  - " line per difference.
        List<String> lines = verify.err().lines().collect(Collectors.toList());
        assertThat(lines.get(0)).contains("differs from the model in 2 places:");
        assertThat(lines.subList(1, lines.size())).hasSize(2).allMatch(line -> line.startsWith("  - "));
        assertThat(lines.stream().filter(line -> line.contains("operator_scratch"))).hasSize(1);
        assertThat(lines.stream().filter(line -> line.contains("ix_flow__created"))).hasSize(1);
    }

    @Test
    void aDatabaseMigratedByANewerBuildIsAhead() throws Exception {
        stratum.run("database", "upgrade", "-y").exits(OK);
        execute("INSERT INTO stratum_schema_history (installed_rank, version, description, type, script, checksum,"
                + " installed_by, installed_on, execution_time, success) SELECT installed_rank + 1000, '9999',"
                + " 'from the future', type, 'V9999__from_the_future.sql', checksum, installed_by, installed_on,"
                + " execution_time, success FROM stratum_schema_history WHERE version = '" + newest + "'");
        Distribution.Result check = stratum.run("database", "check").exits(AHEAD);
        assertThat(check.err()).contains("9999");
        assertThat(stratum.run("database", "upgrade", "-y").exits(AHEAD).err()).contains("newer build");
        assertThat(stratum.run("database", "history").exits(OK).out()).contains("9999", "unknown to this build");
    }

    @Test
    void aSettingOutOfRangeExitsSixTouchingNothingAndAMisspeltOneWarns() {
        Distribution.Result huge = stratum.env("STRATUM_DATABASE_TIMEOUT", "99999999999999").run("database", "check")
                .exits(ExitCode.CONFIGURATION);
        assertThat(huge.err()).startsWith("Error: Setting STRATUM_DATABASE_TIMEOUT (environment variable) = "
                + "'99999999999999' is out of range: timeout takes a number of seconds, more than 0 to 2147483")
                .doesNotContain("NumberFormat", "unreachable");
        Distribution.Result letters = stratum.env("STRATUM_DATABASE_TIMEOUT", "abc").run("database", "upgrade", "-y")
                .exits(ExitCode.CONFIGURATION);
        assertThat(letters.err()).contains("STRATUM_DATABASE_TIMEOUT (environment variable) = 'abc' is not a number of seconds");
        assertThat(letters.out()).isEmpty();
        assertThat(Files.exists(dir.resolve("stratum.db"))).as("nothing was opened").isFalse();

        Distribution.Result misspelt = stratum.env("STRATUM_DATABASE_TIMEOUT", "5").env("STRATUM_DATABASE_TIMOUT", "5")
                .run("database", "upgrade", "-y").exits(OK);
        assertThat(misspelt.err()).contains("WARNING io.stratum.api.UnknownSettings: STRATUM_DATABASE_TIMOUT is not a "
                + "Stratum setting; did you mean STRATUM_DATABASE_TIMEOUT?");
    }

    @Test
    void aPasswordFileOthersCanReadWarnsAndAnOversizedOneIsRefused() throws Exception {
        String secret = "pw-" + UUID.randomUUID();
        Path loose = dir.resolve("loose-password");
        Files.writeString(loose, secret + "\n");
        Files.setPosixFilePermissions(loose, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        Distribution.Result warned = stratum.run("database", "upgrade", "-y", "--password-file", loose.toString()).exits(OK);
        assertThat(warned.err()).contains("Warning: password file " + loose + " is readable by group or others "
                + "(rw-r--r--); restrict it: chmod 600 " + loose);
        assertThat(warned.all()).doesNotContain(secret);

        Path big = dir.resolve("big-password");
        Files.writeString(big, "x".repeat(5000));
        Files.setPosixFilePermissions(big, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Distribution.Result refused = stratum.run("database", "check", "--password-file", big.toString())
                .exits(ExitCode.CONFIGURATION);
        assertThat(refused.err()).contains("Password file " + big + " has 5000 bytes", "at most 4096 bytes");
    }

    @Test
    void thePasswordFromTheFileIsNeverPrinted() throws Exception {
        String secret = "pw-" + UUID.randomUUID();
        Path passwordFile = dir.resolve("password");
        Files.writeString(passwordFile, secret + "\n");
        String[][] commands = {
            {"database", "upgrade", "-y", "-v"},
            {"database", "check", "-vv"},
            {"database", "history", "-v"},
            {"database", "upgrade", "--dry-run", "-v"},
            {"database", "stamp", "nope", "-v"},
            {"database", "check", "-v", "--url", url + "?password=" + secret},
            {"database", "check", "-v", "--url", "jdbc:postgresql://127.0.0.1:" + Ports.closed() + "/db"},
            {"database", "check", "-v", "--url", "jdbc:mysql://127.0.0.1/db"},
        };
        for (String[] command : commands) {
            String[] withPassword = java.util.stream.Stream.concat(java.util.Arrays.stream(command),
                    java.util.stream.Stream.of("--password-file", passwordFile.toString())).toArray(String[]::new);
            Distribution.Result result = stratum.run(withPassword);
            assertThat(result.all()).as(result.toString()).doesNotContain(secret);
        }
        for (String[] command : new String[][] {commands[0], commands[4], commands[6]}) {
            Distribution.Result fromEnvironment = stratum.env("STRATUM_DATABASE_PASSWORD", secret).run(command);
            stratum.env("STRATUM_DATABASE_PASSWORD", "");
            assertThat(fromEnvironment.all()).as(fromEnvironment.toString()).doesNotContain(secret);
        }
        // A password in the URL is masked and the rest of the message survives.
        stratum.run("database", "downgrade", "-y", "-r", "base").exits(OK);
        assertThat(stratum.run("database", "check", "--url", url + "?password=" + secret).exits(BEHIND).err())
                .contains("?password=*** is behind").doesNotContain(secret);
    }

    @Test
    void versionAndHelpDescribeTheDeployment() {
        Distribution.Result version = stratum.run("--version").exits(OK);
        assertThat(version.out()).startsWith("stratum ")
                .contains("postgresql (stratum-dialect-postgres)", "sqlite (stratum-dialect-sqlite)");
        Distribution.Result help = stratum.run("database", "check", "--help").exits(OK);
        for (ExitCode code : ExitCode.values()) {
            assertThat(help.out()).containsPattern("(?m)^\\s*" + code.code() + " +"
                    + java.util.regex.Pattern.quote(code.description()));
        }
        assertThat(stratum.run("database", "upgrade", "--bogus").exits(USAGE).err())
                .contains("Unknown option: '--bogus'");
    }

    @Test
    void thePlainModuleGraphResolvesWithoutAllModulePath() throws Exception {
        // No --add-modules: the dialects, the model catalogue and the migrations are found only through
        // the services io.stratum.api uses; this fails if a module-info misses a requires.
        Distribution.Result upgrade = stratum.runPlainJava("database", "upgrade", "-y").exits(OK);
        assertThat(upgrade.out()).contains("Migrations succeeded!");
        stratum.runPlainJava("database", "check").exits(OK);
    }

    @Test
    void theDistributionLayoutSeparatesTheDialects() throws Exception {
        Path home = stratum.home();
        assertThat(Files.isExecutable(home.resolve("bin/stratum"))).isTrue();
        assertThat(names(home.resolve("lib"))).anyMatch(n -> n.startsWith("stratum-cli-"))
                .anyMatch(n -> n.startsWith("stratum-api-"))
                .anyMatch(n -> n.startsWith("stratum-orm-models-"))
                .anyMatch(n -> n.startsWith("stratum-migrations-"))
                .anyMatch(n -> n.startsWith("picocli-"))
                .anyMatch(n -> n.startsWith("eclipselink-"))
                .anyMatch(n -> n.startsWith("asm-"))
                .anyMatch(n -> n.startsWith("jakarta.persistence-api-"))
                .anyMatch(n -> n.startsWith("agroal-pool-"))
                .anyMatch(n -> n.startsWith("jackson-databind-"))
                .anyMatch(n -> n.startsWith("flyway-core-"))
                .noneMatch(n -> n.startsWith("postgresql-") || n.startsWith("sqlite-jdbc-")
                        || n.startsWith("stratum-dialect-") || n.startsWith("flyway-database-"));
        assertThat(names(home.resolve("dialects/postgres"))).anyMatch(n -> n.startsWith("stratum-dialect-postgres-"))
                .anyMatch(n -> n.startsWith("postgresql-"))
                .anyMatch(n -> n.startsWith("flyway-database-postgresql-"));
        assertThat(names(home.resolve("dialects/sqlite"))).anyMatch(n -> n.startsWith("stratum-dialect-sqlite-"))
                .anyMatch(n -> n.startsWith("sqlite-jdbc-"));
    }

    private static List<String> names(Path folder) throws Exception {
        try (var files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    private Connection connect() throws Exception {
        return DriverManager.getConnection(url);
    }

    private void execute(String sql) throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private long count(String table) throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private List<String> tables() throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
            List<String> names = new java.util.ArrayList<>();
            while (rows.next()) {
                names.add(rows.getString(1));
            }
            return names;
        }
    }
}
