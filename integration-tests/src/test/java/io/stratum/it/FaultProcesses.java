package io.stratum.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Child processes for the fault tests: separate JVMs on the test JVM's module path, and external commands. */
final class FaultProcesses {
    private FaultProcesses() {
    }

    /** {@code java --module-path <this JVM's module path> --module io.stratum.it/<main class> args…}. */
    static List<String> javaCommand(String mainClass, String... args) {
        String modulePath = System.getProperty("jdk.module.path");
        if (modulePath == null || modulePath.isBlank()) {
            throw new IllegalStateException("The tests do not run on the module path (no jdk.module.path)");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xss512k", "-XX:TieredStopAtLevel=1", "--module-path", modulePath, "--module", "io.stratum.it/" + mainClass));
        command.addAll(List.of(args));
        return command;
    }

    /** The result of an external command. */
    record Result(int exitCode, String output) {
    }

    /** Runs a command to its end (output and errors merged), failing when it takes longer than the timeout. */
    static Result run(List<String> command, long timeoutSeconds) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            Thread pump = new Thread(() -> copy(process.getInputStream(), output), "pump-" + command.get(0));
            pump.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                pump.join(5_000);
                throw new IllegalStateException("Command timed out after " + timeoutSeconds + " s: " + command + "\n"
                        + output.toString(StandardCharsets.UTF_8));
            }
            pump.join(5_000);
            return new Result(process.exitValue(), output.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command, e);
        }
    }

    /** Runs a command that must succeed. */
    static String runOrFail(List<String> command, long timeoutSeconds) {
        Result result = run(command, timeoutSeconds);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("Command failed with exit code " + result.exitCode() + ": " + command + "\n"
                    + result.output());
        }
        return result.output();
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (out) {
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException ignored) {
            // The process ended.
        }
    }
}
