package io.stratum.cli.internal;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.Migrations;
import io.stratum.api.Revision;
import io.stratum.cli.ExitCode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code stratum database downgrade}: reverts revisions (the reference's {@code alembic_downgrade}). */
@Command(name = "downgrade",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Revert schema revisions (default: the newest applied one).",
            "Downgrades can lose data; take a backup first. Asks for confirmation unless --yes or --dry-run is given."
        })
final class DowngradeCommand extends DatabaseSubcommand {
    @Option(names = {"-r", "--revision"}, paramLabel = "REV", defaultValue = "-1",
            description = "'-N' reverts N revisions, 'base' reverts all, a revision id reverts down to it "
                    + "(it stays applied). Default: ${DEFAULT-VALUE}.")
    String revision;

    @Option(names = "--dry-run", description = "Print the SQL the downgrade would run; change nothing.")
    boolean dryRun;

    @Mixin
    Confirmation confirmation;

    @Override
    ExitCode run(Context context) {
        try (DatabaseInterface database = context.open()) {
            // Nothing to downgrade in a database that does not exist: say so rather than create an empty one.
            context.requireExisting(database);
            String url = database.settings().forMigrations().redactedUrl();
            String target = target(revision);
            if (dryRun) {
                Migrations migrations = database.migrations();
                return DryRun.print(context, database, "downgrade", target,
                        out -> migrations.printDowngrade(revision, out));
            }
            confirmation.require(context, "Downgrade the database at " + url + " " + target + "?",
                    "Database downgrade aborted!");
            context.out.println("Downgrading the database at " + url + " " + target + "...");
            Migrations migrations = database.migrations();
            Progress progress = new Progress(context, "Reverted");
            List<Revision> reverted = migrations.downgrade(revision, progress);
            String now = migrations.current().orElse("base");
            if (reverted.isEmpty()) {
                context.out.println("Nothing to revert.");
            }
            context.out.println("Migrations succeeded! The database is at revision " + now + ".");
            return ExitCode.OK;
        }
    }

    /** "by 1 revision", "to base", "to revision 2". */
    static String target(String revision) {
        String trimmed = revision == null ? "-1" : revision.trim();
        if (trimmed.equals("base")) {
            return "to base (every revision reverted)";
        }
        if (trimmed.matches("-\\d+")) {
            String steps = trimmed.substring(1);
            return "by " + steps + (steps.equals("1") ? " revision" : " revisions");
        }
        return "to revision " + trimmed;
    }
}
