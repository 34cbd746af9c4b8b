package io.stratum.cli.internal;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.Migrations;
import io.stratum.api.Revision;
import io.stratum.api.StampPlan;
import io.stratum.cli.ExitCode;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stratum database stamp REVISION}: records a revision as current without running scripts. */
@Command(name = "stamp",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Record REVISION as the database's current revision without running any migration.",
            "For a schema created or repaired by hand; the next upgrade starts after REVISION. Refuses to remove "
                    + "revisions this build does not know unless --force. Asks for confirmation unless --yes or "
                    + "--dry-run is given."
        })
final class StampCommand extends DatabaseSubcommand {
    @Parameters(index = "0", paramLabel = "REVISION",
            description = "A revision id, 'head' for the newest, or 'base' for none applied.")
    String revision;

    @Option(names = "--dry-run", description = "Print what the stamp would record and remove; change nothing.")
    boolean dryRun;

    @Option(names = "--force", description = "Also remove applied revisions this build does not know (migrated by "
            + "another build) from the history.")
    boolean force;

    @Mixin
    Confirmation confirmation;

    @Override
    ExitCode run(Context context) {
        try (DatabaseInterface database = context.open()) {
            context.requireConnectable(database);
            String url = database.settings().forMigrations().redactedUrl();
            Migrations migrations = database.migrations();
            StampPlan plan = migrations.planStamp(revision);
            String from = plan.from().orElse("base");
            String to = plan.to().orElse("base");
            if (dryRun) {
                context.out.println("-- Dry run: stamping " + url + " from revision " + from + " to revision " + to
                        + " would " + changes(plan) + ". No script runs. Nothing was changed.");
                if (!plan.unknown().isEmpty() && !force) {
                    context.out.println("-- It is refused without --force: " + String.join(", ", plan.unknown())
                            + " unknown to this build.");
                }
                return ExitCode.OK;
            }
            confirmation.require(context, "Stamp the database at " + url + " from revision " + from + " to revision " + to
                    + "? It would " + changes(plan) + "; no script runs.", "Database stamp aborted!");
            StampPlan done = migrations.stamp(revision, force, new Progress(context, "Stamped"));
            context.out.println("Stamped the database at " + url + " with revision " + done.to().orElse("base")
                    + " (was " + done.from().orElse("base") + "): " + past(done) + "; no migration was run.");
            return ExitCode.OK;
        }
    }

    private static String changes(StampPlan plan) {
        if (plan.changesNothing()) {
            return "change nothing in the history";
        }
        return describe("record", plan.record()) + (plan.record().isEmpty() || plan.remove().isEmpty() ? "" : " and ")
                + describe("remove", plan.remove());
    }

    private static String past(StampPlan plan) {
        if (plan.changesNothing()) {
            return "the history was already so";
        }
        return describe("recorded", plan.record()) + (plan.record().isEmpty() || plan.remove().isEmpty() ? "" : ", ")
                + describe("removed", plan.remove());
    }

    private static String describe(String verb, List<Revision> revisions) {
        if (revisions.isEmpty()) {
            return "";
        }
        return verb + " " + (revisions.size() == 1 ? "revision " : "revisions ")
                + revisions.stream().map(Revision::toString).collect(Collectors.joining(", "));
    }
}
