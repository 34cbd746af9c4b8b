package io.stratum.cli.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * The distribution built by {@code mvn package} ({@code target/stratum}), launched as a user would:
 * {@code bin/stratum} in a fresh process, which runs a plain {@code java --module-path … --module …}.
 */
final class Distribution {
    /** Bound on every launch; a hung command fails the test instead of the build. */
    static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final Path home;
    private final Map<String, String> environment = new HashMap<>();

    private Distribution(Path home) {
        this.home = home;
    }

    /** The distribution under test: system property {@code stratum.dist}, else {@code target/stratum}. */
    static Distribution built() {
        Path home = Path.of(System.getProperty("stratum.dist", "target/stratum")).toAbsolutePath();
        assertThat(home.resolve("bin/stratum"))
                .as("the distribution; run `mvn package` in cli first").exists();
        return new Distribution(home);
    }

    /** A copy of this distribution under {@code target}, to remove dialects from. */
    Distribution copyTo(Path target) throws IOException {
        try (Stream<Path> files = Files.walk(home)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path copy = target.resolve(home.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(source, copy, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        Distribution copy = new Distribution(target);
        copy.environment.putAll(environment);
        return copy;
    }

    Path home() {
        return home;
    }

    /** Sets a variable for every later launch. */
    Distribution env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** {@code bin/stratum args…} with stdin at end of input. */
    Result run(String... args) {
        return runWithInput(null, args);
    }

    /** {@code bin/stratum args…} with the given stdin ({@code null}: empty). */
    Result runWithInput(String stdin, String... args) {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/stratum").toString());
        command.addAll(Arrays.asList(args));
        return launch(command, stdin);
    }

    /** {@code bin/stratum args…} started in the background, stdin at end of input; see {@link Running}. */
    Running start(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/stratum").toString());
        command.addAll(Arrays.asList(args));
        Path outFile = Files.createTempFile("stratum-out", ".txt");
        Path errFile = Files.createTempFile("stratum-err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(outFile.toFile()).redirectError(errFile.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("STRATUM_") || name.equals("JAVA_OPTS"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        return new Running(String.join(" ", command), process, outFile, errFile, System.nanoTime());
    }

    /** A launch running in the background. */
    record Running(String command, Process process, Path outFile, Path errFile, long startedNanos) {
        /** Waits for the end (at most {@link #TIMEOUT}) and reads its output. */
        Result await() throws IOException, InterruptedException {
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                fail("Timed out after " + TIMEOUT + ": " + command + "\nstdout: " + Files.readString(outFile)
                        + "\nstderr: " + Files.readString(errFile));
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - startedNanos);
            try {
                return new Result(command, process.exitValue(), Files.readString(outFile), Files.readString(errFile), elapsed);
            } finally {
                Files.deleteIfExists(outFile);
                Files.deleteIfExists(errFile);
            }
        }

        /** The launcher's JVM: {@code bin/stratum} execs java, so it is the process itself. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * {@code bin/stratum args…} through {@code sh -c '<setup>; exec …'} (e.g. {@code umask 022}), as
     * {@code user} via {@code runuser} when not {@code null} (this process must then be root).
     */
    Result runInShell(String setup, String user, String... args) {
        List<String> command = new ArrayList<>();
        if (user != null) {
            command.addAll(List.of("runuser", "-u", user, "--"));
        }
        command.addAll(List.of("sh", "-c", setup + "; exec \"$0\" \"$@\"", home.resolve("bin/stratum").toString()));
        command.addAll(Arrays.asList(args));
        return launch(command, null);
    }

    /**
     * A plain launch without the launcher and without {@code --add-modules ALL-MODULE-PATH}: only the
     * module graph of io.stratum.cli (its requires plus the services io.stratum.api uses) is resolved.
     */
    Result runPlainJava(String... args) throws IOException {
        StringBuilder modulePath = new StringBuilder(home.resolve("lib").toString());
        try (Stream<Path> dialects = Files.list(home.resolve("dialects"))) {
            dialects.sorted().forEach(d -> modulePath.append(java.io.File.pathSeparator).append(d));
        }
        List<String> command = new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1", "--module-path", modulePath.toString(),
                "--module", "io.stratum.cli/io.stratum.cli.Stratum"));
        command.addAll(Arrays.asList(args));
        return launch(command, null);
    }

    /**
     * A class-path launch: {@code lib/*} plus the named dialect folders, no module path at all, so the
     * services are found through {@code META-INF/services} as in a class-path application.
     */
    Result runClassPath(List<String> dialects, String... args) {
        StringBuilder classPath = new StringBuilder(home.resolve("lib") + "/*");
        dialects.forEach(d -> classPath.append(java.io.File.pathSeparator).append(home.resolve("dialects").resolve(d))
                .append("/*"));
        List<String> command = new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1", "-cp", classPath.toString(),
                "io.stratum.cli.Stratum"));
        command.addAll(Arrays.asList(args));
        return launch(command, null);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private Result launch(List<String> command, String stdin) {
        try {
            Path outFile = Files.createTempFile("stratum-out", ".txt");
            Path errFile = Files.createTempFile("stratum-err", ".txt");
            try {
                ProcessBuilder builder = new ProcessBuilder(command)
                        .redirectOutput(outFile.toFile())
                        .redirectError(errFile.toFile());
                Map<String, String> env = builder.environment();
                // Only what the test sets: no STRATUM_* of the machine running the build.
                env.keySet().removeIf(name -> name.startsWith("STRATUM_") || name.equals("JAVA_OPTS"));
                env.put("JAVA_HOME", System.getProperty("java.home"));
                env.putAll(environment);
                long start = System.nanoTime();
                Process process = builder.start();
                try (OutputStream in = process.getOutputStream()) {
                    if (stdin != null) {
                        in.write(stdin.getBytes(StandardCharsets.UTF_8));
                    }
                }
                if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    fail("Timed out after " + TIMEOUT + ": " + String.join(" ", command)
                            + "\nstdout: " + Files.readString(outFile) + "\nstderr: " + Files.readString(errFile));
                }
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                return new Result(String.join(" ", command), process.exitValue(),
                        Files.readString(outFile), Files.readString(errFile), elapsed);
            } finally {
                Files.deleteIfExists(outFile);
                Files.deleteIfExists(errFile);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Revision ids of the dialect, oldest first, read from the migration scripts in the distribution's
     * stratum-migrations jar: an oracle independent of the command under test.
     */
    List<String> revisions(String dialect) throws IOException {
        Path jar;
        try (Stream<Path> lib = Files.list(home.resolve("lib"))) {
            jar = lib.filter(p -> p.getFileName().toString().startsWith("stratum-migrations-")).findFirst()
                    .orElseThrow(() -> new AssertionError("no stratum-migrations jar in lib/"));
        }
        Pattern script = Pattern.compile("db/migration/" + dialect + "/V([0-9._]+)__[^/]*\\.sql");
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().map(entry -> script.matcher(entry.getName()))
                    .filter(Matcher::matches)
                    .map(m -> m.group(1).replace('_', '.'))
                    .sorted(Comparator.comparing(Distribution::versionKey, Distribution::compareVersions))
                    .collect(Collectors.toList());
        }
    }

    private static int[] versionKey(String version) {
        return Arrays.stream(version.split("\\.")).mapToInt(Integer::parseInt).toArray();
    }

    private static int compareVersions(int[] a, int[] b) {
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int x = i < a.length ? a[i] : 0;
            int y = i < b.length ? b[i] : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }

    /** One finished launch. */
    record Result(String command, int exitCode, String out, String err, Duration elapsed) {
        String all() {
            return out + err;
        }

        /** Asserts the exit status; the failure message shows the whole launch. */
        Result exits(io.stratum.cli.ExitCode expected) {
            assertThat(exitCode).as(toString()).isEqualTo(expected.code());
            return this;
        }

        @Override
        public String toString() {
            return "$ " + command + "\nexit " + exitCode + " after " + elapsed.toMillis() + " ms\n--- stdout\n" + out
                    + "--- stderr\n" + err;
        }
    }
}
