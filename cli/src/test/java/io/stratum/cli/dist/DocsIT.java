package io.stratum.cli.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The session transcripts of the docs are the real commands' output: every fenced block whose first
 * line starts with {@code $ } is run, command by command, against the built distribution in a fresh
 * home ({@code STRATUM_HOME}, shown as {@code ~/.stratum}) and working folder, stdout and stderr merged,
 * stdin empty unless the command redirects it; a block that shows {@code [exit N]} lines gets one after
 * every command. Timings ({@code 0.3 s}) and UTC times compare as placeholders; everything else exactly.
 *
 * <p>Nothing here knows what the commands print: after a change of output, regenerate the blocks with
 * {@code mvn -B -pl cli -am verify -Dit.test=DocsIT -Dstratum.docs.update=true} and review the diff.
 */
class DocsIT {
    private static final boolean UPDATE = Boolean.getBoolean("stratum.docs.update");
    private static final Pattern FENCE = Pattern.compile("(?m)^```[a-z]*\\n(\\$ [\\s\\S]*?)^```$");
    private static final String EXIT_PREFIX = "[exit ";
    private static final String SHOWN_HOME = "~/.stratum";

    @ParameterizedTest
    @ValueSource(strings = {"README.md", "../README.md"})
    void everyTranscriptIsTheRealOutput(String document) throws Exception {
        Path file = Path.of(document).toAbsolutePath().normalize();
        String text = Files.readString(file);
        Matcher blocks = FENCE.matcher(text);
        StringBuilder updated = new StringBuilder();
        List<String> drifts = new ArrayList<>();
        int transcripts = 0;
        while (blocks.find()) {
            transcripts++;
            String shown = blocks.group(1);
            String real = run(shown);
            if (!normalise(real).equals(normalise(shown))) {
                drifts.add("--- " + file.getFileName() + ", transcript " + transcripts + ", documented:\n" + shown
                        + "--- real:\n" + real);
            }
            blocks.appendReplacement(updated, Matcher.quoteReplacement("```text\n" + real + "```"));
        }
        blocks.appendTail(updated);
        assertThat(transcripts).as("transcripts in " + file).isPositive();
        if (UPDATE) {
            Files.writeString(file, updated.toString());
        } else if (!drifts.isEmpty()) {
            fail(String.join("\n", drifts) + "\nRegenerate with -Dstratum.docs.update=true (see cli/README.md, "
                    + "Keeping these docs true) and review the diff.");
        }
        assertThat(text + updated).as("no absolute path of this machine in " + file)
                .doesNotContain(System.getProperty("user.dir")).doesNotContain("/work/");
    }

    /** Runs each {@code $ } command of one transcript in a fresh home and folder; returns the transcript. */
    private static String run(String shown) throws IOException, InterruptedException {
        boolean exitCodes = shown.lines().anyMatch(line -> line.startsWith(EXIT_PREFIX));
        Path scratch = Files.createTempDirectory("stratum-docs");
        Path home = scratch.resolve(".stratum");
        Path folder = Files.createDirectory(scratch.resolve("work"));
        try {
            StringBuilder transcript = new StringBuilder();
            for (String line : (Iterable<String>) shown.lines()::iterator) {
                if (!line.startsWith("$ ")) {
                    continue;
                }
                String command = line.substring(2);
                transcript.append(line).append('\n');
                Path output = scratch.resolve("output.txt");
                ProcessBuilder builder = new ProcessBuilder("sh", "-c", command).directory(folder.toFile())
                        .redirectErrorStream(true).redirectOutput(output.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
                Map<String, String> env = builder.environment();
                env.keySet().removeIf(name -> name.startsWith("STRATUM_") || name.equals("JAVA_OPTS"));
                env.put("JAVA_HOME", System.getProperty("java.home"));
                env.put("STRATUM_HOME", home.toString());
                env.put("PATH", Distribution.built().home().resolve("bin") + ":" + System.getenv("PATH"));
                Process process = builder.start();
                if (!process.waitFor(Distribution.TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    fail("Timed out: " + command);
                }
                String printed = Files.readString(output, StandardCharsets.UTF_8)
                        .replace(home.toString(), SHOWN_HOME).replace(folder.toString(), ".");
                transcript.append(printed);
                if (!printed.isEmpty() && !printed.endsWith("\n")) {
                    transcript.append('\n');
                }
                if (exitCodes) {
                    transcript.append(EXIT_PREFIX).append(process.exitValue()).append("]\n");
                }
            }
            return transcript.toString();
        } finally {
            try (Stream<Path> files = Files.walk(scratch)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** What may differ between runs: durations, UTC times, the Java build; trailing blanks. */
    static String normalise(String transcript) {
        return transcript
                .replaceAll("\\b\\d+(\\.\\d+)? s\\b", "# s")
                .replaceAll("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z", "<time>")
                .replaceAll("(?m)^Java \\d.*$", "Java <version>")
                .replaceAll("(?m)[ \\t]+$", "");
    }
}
