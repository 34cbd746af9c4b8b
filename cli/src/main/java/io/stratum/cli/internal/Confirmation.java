package io.stratum.cli.internal;

import io.stratum.cli.ExitCode;
import picocli.CommandLine.Option;

/** {@code -y/--yes} and the question it skips, shared by the commands that change the schema (a picocli mixin). */
final class Confirmation {
    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
    boolean yes;

    /** Asks {@code question} unless {@code --yes} was given; anything but yes aborts with {@code abortMessage}. */
    void require(Context context, String question, String abortMessage) {
        if (!yes && !context.confirm(question)) {
            throw new CliException(ExitCode.FAILURE, abortMessage);
        }
    }
}
