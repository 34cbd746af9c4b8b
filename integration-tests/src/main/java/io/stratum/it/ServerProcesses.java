package io.stratum.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What the tests' private servers (clusters, a primary and its standby, PgBouncer) need from the machine:
 * the PostgreSQL server binaries, a free loopback port, and commands run as the OS user {@value #USER}
 * when the tests run as root (initdb, pg_ctl and pgbouncer refuse root).
 */
public final class ServerProcesses {
    /** The OS user the servers run as when the tests run as root, and their superuser. */
    public static final String USER = "postgres";

    private ServerProcesses() {
    }

    /** Whether this process runs as root (then servers run as {@value #USER} through {@code runuser}). */
    public static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** {@code command}, run as {@value #USER} when this process is root. */
    public static List<String> asServerUser(String... command) {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", USER, "--"));
        }
        full.addAll(List.of(command));
        return full;
    }

    /** Gives {@code path} (and what is below it) to {@value #USER} when this process is root. */
    public static void ownedByServerUser(Path path) {
        if (isRoot()) {
            run(List.of("chown", "-R", USER + ":" + USER, path.toString()), 30, true);
        }
    }

    /** Runs a command to its end (output and errors merged); fails when it times out, or fails and {@code check}. */
    public static String run(List<String> command, long timeoutSeconds, boolean check) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            Thread pump = new Thread(() -> copy(process.getInputStream(), output), "pump-" + command.get(0));
            pump.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                pump.join(5_000);
                throw new IllegalStateException("Command timed out after " + timeoutSeconds + " s: " + command + "\n"
                        + text(output));
            }
            pump.join(5_000);
            if (check && process.exitValue() != 0) {
                throw new IllegalStateException("Command failed with exit code " + process.exitValue() + ": " + command
                        + "\n" + text(output));
            }
            return text(output);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command, e);
        }
    }

    /** A loopback port free at this moment. */
    public static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The newest PostgreSQL server binaries installed that include every one of {@code programs}
     * ({@code PG_BINDIR} first), or a failure that says to install them: these tests never skip.
     */
    public static Path binaries(String... programs) {
        List<Path> candidates = new ArrayList<>();
        String fromEnvironment = System.getenv("PG_BINDIR");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            candidates.add(Path.of(fromEnvironment));
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                versions.sorted(Comparator.comparingDouble(ServerProcesses::versionOf).reversed())
                        .map(version -> version.resolve("bin")).forEach(candidates::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return candidates.stream()
                .filter(dir -> Stream.of(programs).allMatch(program -> Files.isExecutable(dir.resolve(program))))
                .findFirst()
                .orElseThrow(() -> new AssertionError("PostgreSQL's server binaries (" + String.join(", ", programs)
                        + ") were not found under /usr/lib/postgresql/<version>/bin or PG_BINDIR. Tests with private "
                        + "servers do not skip: install postgresql (CI installs it)."));
    }

    private static double versionOf(Path directory) {
        try {
            return Double.parseDouble(directory.getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String text(ByteArrayOutputStream output) {
        synchronized (output) {
            return output.toString(StandardCharsets.UTF_8);
        }
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
            // The process ended; what was read is kept.
        }
    }
}
