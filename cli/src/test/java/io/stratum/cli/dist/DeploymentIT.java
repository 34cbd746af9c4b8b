package io.stratum.cli.dist;

import static io.stratum.cli.ExitCode.CONFIGURATION;
import static io.stratum.cli.ExitCode.OK;
import static io.stratum.cli.ExitCode.UNREACHABLE;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deploy-time concerns: removing a dialect folder, and a database that is not there. */
class DeploymentIT {
    @TempDir
    Path dir;

    @Test
    void removingDialectsPostgresRemovesPostgresqlWithAClearError() throws Exception {
        Distribution copy = Distribution.built().copyTo(dir.resolve("stratum"));
        delete(copy.home().resolve("dialects/postgres"));

        Distribution.Result check = copy.run("database", "check", "--url", "jdbc:postgresql://127.0.0.1:5432/test")
                .exits(CONFIGURATION);
        assertThat(check.err().strip()).doesNotContain("\n").contains("stratum-dialect-postgres", "Dialects present: sqlite");
        assertThat(check.out()).isEmpty();
        assertThat(copy.run("--version").exits(OK).out()).contains("sqlite (stratum-dialect-sqlite)")
                .doesNotContain("stratum-dialect-postgres");

        // SQLite still works in that deployment.
        String sqlite = "jdbc:sqlite:" + dir.resolve("still-works.db");
        copy.run("database", "upgrade", "-y", "--url", sqlite).exits(OK);
        copy.run("database", "check", "--url", sqlite).exits(OK);
    }

    @Test
    void onTheClassPathTheSameJarsWorkAndAMissingDialectIsNamedWithoutTalkOfTheModulePath() {
        Distribution stratum = Distribution.built();
        String sqlite = "jdbc:sqlite:" + dir.resolve("class-path.db");
        // Services registered in META-INF/services: the class path needs the same jars, nothing else.
        stratum.runClassPath(List.of("sqlite", "postgres"), "database", "upgrade", "-y", "--url", sqlite).exits(OK);
        stratum.runClassPath(List.of("sqlite"), "database", "verify", "--url", sqlite).exits(OK);

        Distribution.Result missing = stratum.runClassPath(List.of("sqlite"), "database", "check", "--url",
                "jdbc:postgresql://127.0.0.1:5432/test").exits(CONFIGURATION);
        assertThat(missing.err()).contains("stratum-dialect-postgres", "module path or the class path",
                "Dialects present: sqlite");
        Distribution.Result none = stratum.runClassPath(List.of(), "database", "check", "--url", sqlite)
                .exits(CONFIGURATION);
        assertThat(none.err()).contains("stratum-dialect-sqlite", "Dialects present: none")
                .doesNotContain("on the module path accepts");
    }

    @Test
    void removingDialectsSqliteRemovesSqlite() throws Exception {
        Distribution copy = Distribution.built().copyTo(dir.resolve("stratum"));
        delete(copy.home().resolve("dialects/sqlite"));
        Distribution.Result check = copy.run("database", "check", "--url", "jdbc:sqlite:" + dir.resolve("x.db"))
                .exits(CONFIGURATION);
        assertThat(check.err()).contains("stratum-dialect-sqlite");
    }

    @Test
    void checkOnAClosedPortIsUnreachableWithinSeconds() {
        int port = Ports.closed();
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/stratum";
        Distribution stratum = Distribution.built();
        Distribution.Result check = stratum.run("database", "check", "--url", url, "--user", "stratum")
                .exits(UNREACHABLE);
        assertThat(check.elapsed()).isLessThan(Duration.ofSeconds(15));
        assertThat(check.err().strip()).doesNotContain("\n").contains(url, "unreachable", "refused");
        assertThat(check.out()).isEmpty();

        // Every command checks first, before any prompt or migration.
        stratum.run("database", "upgrade", "-y", "--url", url).exits(UNREACHABLE);
        stratum.run("database", "upgrade", "--url", url).exits(UNREACHABLE);
        stratum.run("database", "current", "--url", url).exits(UNREACHABLE);
    }

    private static void delete(Path folder) throws Exception {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path path : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
        assertThat(folder).doesNotExist();
    }
}
