package io.stratum.cli.internal;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.Migrations;
import io.stratum.cli.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code stratum database stamp REVISION}: records a revision as current without running scripts. */
@Command(name = "stamp",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Record REVISION as the database's current revision without running any migration.",
            "For a schema created or repaired by hand; the next upgrade starts after REVISION."
        })
final class StampCommand extends DatabaseSubcommand {
    @Parameters(index = "0", paramLabel = "REVISION", description = "A revision id, or 'head' for the newest.")
    String revision;

    @Override
    ExitCode run(Context context) {
        try (DatabaseInterface database = context.open()) {
            context.requireConnectable(database);
            Migrations migrations = database.migrations();
            String id = revision.trim().equals("head") ? migrations.newest().id() : revision.trim();
            migrations.stamp(id);
            context.out.println("Stamped the database at " + database.settings().redactedUrl() + " with revision "
                    + id + "; no migration was run.");
            return ExitCode.OK;
        }
    }
}
