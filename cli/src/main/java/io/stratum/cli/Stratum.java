package io.stratum.cli;

import io.stratum.api.Api;
import io.stratum.cli.internal.Cli;
import java.io.InputStream;
import java.io.PrintStream;

/**
 * The {@code stratum} command. {@link #main} exits the JVM with an {@link ExitCode}; {@link #run} does
 * the same work in this JVM and returns the status, for embedding and tests.
 */
@Api(Api.Status.STABLE)
public final class Stratum {
    private Stratum() {
    }

    public static void main(String[] args) {
        int status = run(args, System.in, System.out, System.err);
        System.out.flush();
        System.err.flush();
        System.exit(status);
    }

    /**
     * Runs one command line. Reads confirmations from {@code in}, writes results to {@code out} and
     * errors and log records to {@code err}. Reconfigures {@code java.util.logging}'s root logger for
     * the console. Returns the exit status ({@link ExitCode#code()}).
     */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        return Cli.run(args, in, out, err);
    }
}
