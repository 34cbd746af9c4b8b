package io.stratum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command tree in this JVM: help, version, usage errors and configuration errors (no database). */
class StratumTest {

    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Stratum.run(args, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "database", "database upgrade", "database downgrade", "database reset",
        "database stamp", "database current", "database history", "database check", "database verify"})
    void everyCommandHasHelpListingTheExitCodes(String command) {
        List<String> args = new java.util.ArrayList<>(command.isEmpty() ? List.of() : List.of(command.split(" ")));
        args.add("--help");
        Run run = run(args.toArray(new String[0]));
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: stratum", "--url", "--user", "--password-file", "--verbose",
                "Exit codes:");
        for (ExitCode code : ExitCode.values()) {
            // Two-digit codes widen picocli's key column: match the code, blanks, then its description.
            assertThat(run.out()).containsPattern("(?m)^\\s*" + code.code() + " +"
                    + java.util.regex.Pattern.quote(code.description().substring(0, 20)));
        }
    }

    @Test
    void groupHelpListsTheEnvironmentVariables() {
        Run run = run("database", "--help");
        for (io.stratum.api.SettingKey key : io.stratum.api.SettingKey.values()) {
            assertThat(run.out()).contains(key.environmentVariable());
        }
        assertThat(run.out()).contains("STRATUM_HOME", "upgrade", "downgrade", "reset", "stamp", "current",
                "history", "check", "verify");
    }

    @Test
    void versionNamesTheBuild() {
        Run run = run("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("stratum ").doesNotContain("${project.version}").contains("Java ");
        assertThat(run("database", "check", "--version").out()).startsWith("stratum ");
    }

    @Test
    void usageErrorsExitTwoWithOneLineAndTheHelpCommand() {
        Run unknownOption = run("database", "upgrade", "--bogus");
        assertThat(unknownOption.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(unknownOption.err()).contains("Unknown option: '--bogus'", "stratum database upgrade --help");
        assertThat(unknownOption.out()).isEmpty();

        assertThat(run().exitCode()).isEqualTo(2);
        assertThat(run("database").exitCode()).isEqualTo(2);
        assertThat(run("database").err()).contains("Missing required subcommand");
        assertThat(run("database", "stamp").err()).contains("REVISION");
        assertThat(run("database", "frobnicate").exitCode()).isEqualTo(2);
    }

    @Test
    void globalOptionsWorkBeforeAndAfterTheSubcommand() {
        for (String[] args : List.of(
                new String[] {"--url", "not-a-jdbc-url", "database", "check"},
                new String[] {"database", "--url", "not-a-jdbc-url", "check"},
                new String[] {"database", "check", "--url", "not-a-jdbc-url"})) {
            Run run = run(args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(ExitCode.CONFIGURATION.code());
            assertThat(run.err()).contains("'not-a-jdbc-url' is not a JDBC URL");
            assertThat(run.err().strip().lines()).hasSize(1);
        }
    }

    @Test
    void unsupportedUrlSchemeIsAConfigurationError() {
        Run run = run("database", "check", "--url", "jdbc:mysql://127.0.0.1/db");
        assertThat(run.exitCode()).isEqualTo(ExitCode.CONFIGURATION.code());
        assertThat(run.err()).startsWith("Error: ").contains("jdbc:mysql:");
    }

    @Test
    void missingPasswordFileIsAConfigurationError() {
        Run run = run("database", "check", "--url", "jdbc:sqlite::memory:", "--password-file", "/nonexistent/pw");
        assertThat(run.exitCode()).isEqualTo(ExitCode.CONFIGURATION.code());
        assertThat(run.err()).contains("Password file /nonexistent/pw does not exist.");
    }

    @Test
    void exitCodesAreDistinct() {
        assertThat(java.util.Arrays.stream(ExitCode.values()).map(ExitCode::code).distinct().count())
                .isEqualTo(ExitCode.values().length);
    }
}
