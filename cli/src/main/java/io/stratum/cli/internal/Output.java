package io.stratum.cli.internal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Small output helpers. */
final class Output {
    private Output() {
    }

    /** What the writer printed, as text. */
    static String capture(Consumer<PrintStream> writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            writer.accept(stream);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
