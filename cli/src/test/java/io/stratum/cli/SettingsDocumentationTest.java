package io.stratum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratum.api.SettingKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The settings tables of {@code README.md} and {@code cli/README.md} are generated from {@link SettingKey}
 * (issue 14, "settings written once"): a key added to the enum fails this test until the tables show it.
 * The failure prints the table to paste; {@code -Dstratum.docs.write=true} rewrites both files in place.
 */
class SettingsDocumentationTest {
    private static final String BEGIN = "<!-- settings table: generated from io.stratum.api.SettingKey by SettingsDocumentationTest -->";
    private static final String END = "<!-- end of settings table -->";

    /** {@code README.md}: one row per setting, by name. */
    static String readmeTable() {
        StringBuilder table = new StringBuilder("| name | default | allowed | meaning |\n|---|---|---|---|\n");
        for (SettingKey key : SettingKey.values()) {
            table.append("| `").append(key.settingName()).append("` | ").append(code(key.documentedDefault()))
                    .append(" | ").append(key.allowed().isEmpty() ? "text" : key.allowed()).append(" | ")
                    .append(key.description()).append(" |\n");
        }
        return table.toString();
    }

    /** {@code cli/README.md}: one row per setting, by environment variable and system property. */
    static String cliReadmeTable() {
        StringBuilder table = new StringBuilder(
                "| Environment variable | System property | Default | Allowed | Meaning |\n|---|---|---|---|---|\n");
        for (SettingKey key : SettingKey.values()) {
            table.append("| `").append(key.environmentVariable()).append("` | `").append(key.systemProperty())
                    .append("` | ").append(code(key.documentedDefault())).append(" | ")
                    .append(key.allowed().isEmpty() ? "text" : key.allowed()).append(" | ").append(key.description())
                    .append(" |\n");
        }
        return table.toString();
    }

    private static String code(String value) {
        return value.equals("unset") ? value : "`" + value + "`";
    }

    @Test
    void readmeSettingsTableMatchesSettingKey() throws IOException {
        check(Path.of("..", "README.md"), readmeTable());
    }

    @Test
    void cliReadmeEnvironmentTableMatchesSettingKey() throws IOException {
        check(Path.of("README.md"), cliReadmeTable());
    }

    private static void check(Path file, String expected) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertThat(begin).as(file + " marks its settings table with " + BEGIN).isNotNegative();
        assertThat(end).as(file + " ends its settings table with " + END).isGreaterThan(begin);
        String actual = text.substring(begin + BEGIN.length(), end).strip() + "\n";
        if (Boolean.getBoolean("stratum.docs.write") && !actual.equals(expected)) {
            Files.writeString(file, text.substring(0, begin + BEGIN.length()) + "\n" + expected + text.substring(end),
                    StandardCharsets.UTF_8);
            return;
        }
        assertThat(actual).as("the settings table of " + file.toAbsolutePath().normalize()
                + " (run with -Dstratum.docs.write=true to regenerate)").isEqualTo(expected);
    }
}
