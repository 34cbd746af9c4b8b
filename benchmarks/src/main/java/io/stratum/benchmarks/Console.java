package io.stratum.benchmarks;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** Progress lines on stderr, so a long run shows where it is. */
final class Console {
    private Console() {
    }

    static void progress(String line) {
        System.err.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + line);
    }
}
