package io.stratum.cli.internal;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.Migrations;
import io.stratum.cli.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code stratum database upgrade}: applies revisions up to a target (the reference's {@code alembic_upgrade}). */
@Command(name = "upgrade",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Upgrade the database schema to a revision (default: the newest).",
            "Asks for confirmation unless --yes or --dry-run is given."
        })
final class UpgradeCommand extends DatabaseSubcommand {
    @Option(names = {"-r", "--revision"}, paramLabel = "REV", defaultValue = "head",
            description = "Revision to upgrade to: a revision id, or 'head' for the newest. Default: ${DEFAULT-VALUE}.")
    String revision;

    @Option(names = "--dry-run", description = "Print the SQL the upgrade would run; change nothing.")
    boolean dryRun;

    @Mixin
    Confirmation confirmation;

    @Override
    ExitCode run(Context context) {
        try (DatabaseInterface database = context.open()) {
            context.requireConnectable(database);
            String url = database.settings().forMigrations().redactedUrl();
            if (dryRun) {
                Migrations migrations = database.migrations();
                return DryRun.print(context, database, "upgrade", "to revision " + revision,
                        out -> migrations.printUpgrade(revision, out));
            }
            confirmation.require(context, "Upgrade the database at " + url + " to revision " + revision + "?",
                    "Database upgrade aborted!");
            context.out.println("Upgrading the database at " + url + " to revision " + revision + "...");
            Migrations migrations = database.migrations();
            // One locked operation: the engine reads the current revision under the lock and reports only
            // what this process applies.
            Progress progress = new Progress(context, "Applied");
            migrations.upgrade(revision, progress);
            String now = migrations.current().orElse("base");
            if (progress.nothingDone()) {
                context.out.println("Nothing to apply: " + progress.whyNothing() + ".");
            }
            context.out.println("Migrations succeeded! The database is at revision " + now + ".");
            return ExitCode.OK;
        }
    }
}
