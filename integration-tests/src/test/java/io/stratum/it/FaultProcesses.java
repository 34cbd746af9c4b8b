package io.stratum.it;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Child JVMs for the fault tests, on the test JVM's module path (external commands: {@link ServerProcesses}). */
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
}
