package io.stratum.cli.internal;

import io.stratum.api.DatabaseInterface;
import io.stratum.cli.ExitCode;
import picocli.CommandLine.Command;

/** {@code stratum database current}: the revision id alone, or {@code base}, for scripts. */
@Command(name = "current",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Print the database's current revision id, or 'base' when no revision is applied.")
final class CurrentCommand extends DatabaseSubcommand {
    @Override
    ExitCode run(Context context) {
        try (DatabaseInterface database = context.openForInspection()) {
            context.requireConnectable(database);
            context.out.println(database.migrations().current().orElse("base"));
            return ExitCode.OK;
        }
    }
}
