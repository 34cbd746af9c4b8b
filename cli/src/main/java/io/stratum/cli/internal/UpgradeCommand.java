package io.stratum.cli.internal;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.Migrations;
import io.stratum.api.Revision;
import io.stratum.api.RevisionStatus;
import io.stratum.cli.ExitCode;
import java.util.List;
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
            String url = database.settings().redactedUrl();
            if (dryRun) {
                Migrations migrations = database.migrations();
                return DryRun.print(context, database, "upgrade", "to revision " + revision,
                        out -> migrations.printUpgrade(revision, out));
            }
            confirmation.require(context, "Upgrade the database at " + url + " to revision " + revision + "?",
                    "Database upgrade aborted!");
            context.out.println("Upgrading the database at " + url + " to revision " + revision + "...");
            Migrations migrations = database.migrations();
            List<Revision> pending = pending(migrations);
            long started = System.nanoTime();
            int done = 0;
            if (pending == null || pending.isEmpty()) {
                // Unknown target (the engine's error lists the known revisions), a database ahead of this build
                // (refused by the engine), or nothing to do.
                for (Revision each : migrations.upgrade(revision)) {
                    done++;
                    context.out.println("Applied revision " + each);
                }
            } else {
                // One revision per call, so a long upgrade reports progress between revisions.
                for (Revision next : pending) {
                    long revisionStarted = System.nanoTime();
                    migrations.upgrade(next.id());
                    done++;
                    context.out.println("Applied revision " + next + " in " + seconds(revisionStarted) + " ["
                            + done + " of " + pending.size() + ", " + seconds(started) + " elapsed]");
                }
            }
            String now = migrations.current().orElse("base");
            if (done == 0) {
                context.out.println("Nothing to apply: the database is already at revision " + now + ".");
            }
            context.out.println("Migrations succeeded! The database is at revision " + now + ".");
            return ExitCode.OK;
        }
    }

    /** Known revisions not yet applied, up to the target, oldest first; {@code null} if the target is unknown. */
    private List<Revision> pending(Migrations migrations) {
        List<Revision> known = migrations.revisions();
        String target = "head".equals(revision) ? known.get(known.size() - 1).id() : revision;
        if (known.stream().noneMatch(r -> r.id().equals(target))) {
            return null;
        }
        java.util.Set<String> applied = new java.util.HashSet<>();
        for (RevisionStatus status : migrations.history()) {
            if (status.applied()) {
                applied.add(status.revision().id());
            }
        }
        List<Revision> pending = new java.util.ArrayList<>();
        for (Revision each : known) {
            if (!applied.contains(each.id())) {
                pending.add(each);
            }
            if (each.id().equals(target)) {
                break;
            }
        }
        return pending;
    }

    private static String seconds(long since) {
        return String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - since) / 1e9);
    }
}
