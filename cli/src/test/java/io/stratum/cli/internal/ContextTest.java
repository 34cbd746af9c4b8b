package io.stratum.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.api.ConfigurationException;
import io.stratum.api.DatabaseUnavailableException;
import io.stratum.api.DialectNotFoundException;
import io.stratum.api.MigrationException;
import io.stratum.api.MigrationLockTimeoutException;
import io.stratum.api.SchemaVersionException;
import io.stratum.api.StratumException;
import io.stratum.cli.ExitCode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextTest {

    @Test
    void passwordFileLosesOnlyItsTrailingLineBreaks(@TempDir Path dir) throws Exception {
        PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        Path file = private600(dir.resolve("pw"));
        Files.writeString(file, " s3 cret \n");
        assertThat(Context.readPasswordFile(file, err)).isEqualTo(" s3 cret ");
        Files.writeString(file, "s3cret\r\n\n");
        assertThat(Context.readPasswordFile(file, err)).isEqualTo("s3cret");
        Files.writeString(file, "s3cret");
        assertThat(Context.readPasswordFile(file, err)).isEqualTo("s3cret");
        assertThatThrownBy(() -> Context.readPasswordFile(dir.resolve("missing"), err))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> Context.readPasswordFile(dir, err))
                .isInstanceOf(ConfigurationException.class).hasMessageNotContaining("s3cret");
    }

    @Test
    void aPasswordFileOthersCanReadIsUsedWithAWarningNamingItAndTheFix(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pw");
        Files.writeString(file, "s3cret\n");
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertThat(Context.readPasswordFile(file, new PrintStream(bytes, true, StandardCharsets.UTF_8))).isEqualTo("s3cret");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("Warning: password file " + file
                + " is readable by group or others (rw-r--r--); restrict it: chmod 600 " + file + System.lineSeparator());

        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        bytes.reset();
        Context.readPasswordFile(file, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aPasswordFileBeyondTheCapIsRefusedWithoutReadingIt(@TempDir Path dir) throws Exception {
        Path file = private600(dir.resolve("big"));
        Files.writeString(file, "x".repeat(Context.PASSWORD_FILE_MAX_BYTES + 1));
        PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Context.readPasswordFile(file, err)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Password file " + file + " has 4097 bytes")
                .hasMessageContaining("at most 4096 bytes");
        Files.writeString(file, "x".repeat(Context.PASSWORD_FILE_MAX_BYTES));
        assertThat(Context.readPasswordFile(file, err)).hasSize(Context.PASSWORD_FILE_MAX_BYTES);
    }

    private static Path private600(Path file) throws Exception {
        Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        return file;
    }

    @Test
    void exceptionsMapToTheirExitCodes() {
        assertThat(Context.exitCode(new DatabaseUnavailableException("down", null))).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(Context.exitCode(new SchemaVersionException("newer"))).isEqualTo(ExitCode.AHEAD);
        assertThat(Context.exitCode(new MigrationLockTimeoutException("held", "someone"))).isEqualTo(ExitCode.LOCK_TIMEOUT);
        assertThat(Context.exitCode(new MigrationException("failed"))).isEqualTo(ExitCode.MIGRATION_FAILED);
        assertThat(Context.exitCode(new DialectNotFoundException("no dialect"))).isEqualTo(ExitCode.CONFIGURATION);
        assertThat(Context.exitCode(new ConfigurationException("bad"))).isEqualTo(ExitCode.CONFIGURATION);
        assertThat(Context.exitCode(new StratumException("other"))).isEqualTo(ExitCode.FAILURE);
        assertThat(Context.exitCode(new IllegalStateException("bug"))).isEqualTo(ExitCode.FAILURE);
        assertThat(Context.exitCode(new CliException(ExitCode.BEHIND, "behind"))).isEqualTo(ExitCode.BEHIND);
    }

    @Test
    void reportPrintsOneRedactedLineAndTheTraceOnlyWhenVerbose() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Context context = new Context(new ByteArrayInputStream(new byte[0]), System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        int code = context.report(new MigrationException("Upgrade failed:\n  line two\n  line three"));
        assertThat(code).isEqualTo(ExitCode.MIGRATION_FAILED.code());
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("Error: Upgrade failed: line two line three"
                + System.lineSeparator());

        err.reset();
        context.verbosity(1);
        context.report(new IllegalStateException("boom", new RuntimeException("root cause")));
        String text = err.toString(StandardCharsets.UTF_8);
        assertThat(text.lines().findFirst()).contains(
                "Error: IllegalStateException: boom (caused by RuntimeException: root cause)");
        assertThat(text).contains("\tat ");
    }

    @Test
    void confirmationNeedsAnExplicitYes() {
        assertThat(confirm("y\n")).isTrue();
        assertThat(confirm("YES\n")).isTrue();
        assertThat(confirm("n\n")).isFalse();
        assertThat(confirm("\n")).isFalse();
        assertThat(confirm("")).isFalse();
    }

    private static boolean confirm(String stdin) {
        Context context = new Context(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), System.err);
        return context.confirm("Proceed?");
    }

    @Test
    void downgradeTargetsAreDescribed() {
        assertThat(DowngradeCommand.target("-1")).isEqualTo("by 1 revision");
        assertThat(DowngradeCommand.target("-3")).isEqualTo("by 3 revisions");
        assertThat(DowngradeCommand.target("base")).startsWith("to base");
        assertThat(DowngradeCommand.target("2")).isEqualTo("to revision 2");
    }
}
