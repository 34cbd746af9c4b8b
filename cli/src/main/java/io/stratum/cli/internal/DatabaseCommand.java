package io.stratum.cli.internal;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code stratum database}: the schema commands. Needs a subcommand. */
@Command(name = "database",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Create, migrate, inspect and check the schema of the Stratum database.",
        subcommands = {
            UpgradeCommand.class,
            DowngradeCommand.class,
            ResetCommand.class,
            StampCommand.class,
            CurrentCommand.class,
            HistoryCommand.class,
            CheckCommand.class,
            VerifyCommand.class,
            PartitionCommand.class,
            AdoptCommand.class,
            CleanCommand.class
        })
final class DatabaseCommand {
    @ParentCommand
    RootCommand root;
}
