package io.stratum.cli.internal;

import io.stratum.cli.ExitCode;

/** A failure the command reports itself: its message is printed as is (one line), with its exit code. */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ExitCode exitCode;

    CliException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    ExitCode exitCode() {
        return exitCode;
    }
}
