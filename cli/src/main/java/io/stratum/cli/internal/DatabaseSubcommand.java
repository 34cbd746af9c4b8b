package io.stratum.cli.internal;

import io.stratum.cli.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.ParentCommand;

/** A {@code stratum database <command>}: runs with the invocation's {@link Context}. */
abstract class DatabaseSubcommand implements Callable<Integer> {
    @ParentCommand
    DatabaseCommand parent;

    @Override
    public final Integer call() {
        return run(parent.root.context).code();
    }

    abstract ExitCode run(Context context);
}
