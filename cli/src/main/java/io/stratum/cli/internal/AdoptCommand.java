package io.stratum.cli.internal;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.PrefectAdoption;
import io.stratum.cli.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code stratum database adopt}: takes over a database Prefect's own migrations brought to their head.
 * A dry run unless {@code -y}: it says what it found and what it would change.
 */
@Command(name = "adopt",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Adopt a database made by Prefect's migrations (recognised by its alembic_version): compare it table by "
                    + "table with Stratum's model and, if it matches up to the known differences of Prefect's real "
                    + "migration chain, bring it to Stratum's exact form and stamp it at the Stratum revision matching Prefect's head, keeping "
                    + "every row.",
            "A dry run by default: prints what it found and what it would change, and changes nothing. -y applies. "
                    + "A database at an older Prefect revision, or one that differs otherwise, is refused with the "
                    + "list of differences."
        })
final class AdoptCommand extends DatabaseSubcommand {
    @Option(names = {"-y", "--yes"}, description = "Apply the adoption (without it: a dry run).")
    boolean apply;

    @Override
    ExitCode run(Context context) {
        try (DatabaseInterface database = context.open()) {
            context.requireConnectable(database);
            String url = database.settings().redactedUrl();
            PrefectAdoption adoption = database.adoptPrefectDatabase(apply);
            String found = adoption.prefectRevision().map(r -> "Prefect revision " + r).orElse("no Prefect revision");
            switch (adoption.verdict()) {
                case ADOPTABLE, ADOPTED -> {
                    boolean done = adoption.verdict() == PrefectAdoption.Verdict.ADOPTED;
                    context.out.println((done ? "Adopted " : "Dry run: adoption of ") + "the Prefect database at " + url
                            + " (" + found + ") " + (done ? "at" : "would stamp it at") + " Stratum revision "
                            + adoption.stratumRevision() + ". " + (done ? "Changes made:" : "It would make these changes:"));
                    adoption.backup().ifPresent(backup -> context.out.println("  backup copy of the file: " + backup));
                    adoption.changes().forEach(change -> context.out.println("  - " + change));
                    if (!done) {
                        context.out.println("Nothing was changed. Run 'stratum database adopt -y' to adopt it.");
                    }
                    return ExitCode.OK;
                }
                case ALREADY_STRATUM -> {
                    context.out.println("Nothing to adopt: " + url + " " + adoption.differences().get(0) + ".");
                    return ExitCode.OK;
                }
                default -> {
                    int count = adoption.differences().size();
                    context.err.println("Cannot adopt " + url + " (" + found + "); nothing was changed. "
                            + (count == 1 ? "Why:" : "It differs from Stratum's model in " + count + " places:"));
                    adoption.differences().forEach(difference -> context.err.println("  - " + context.redact(difference)));
                    if (adoption.verdict() == PrefectAdoption.Verdict.DIFFERS) {
                        context.err.println("Adoption takes only a database at Prefect's head as Prefect's own "
                                + "migrations leave it: restore the differences listed (or let Prefect upgrade it), "
                                + "then run 'stratum database adopt' again.");
                    }
                    context.err.flush();
                    return switch (adoption.verdict()) {
                        case OLDER_PREFECT_REVISION -> ExitCode.BEHIND;
                        case UNKNOWN_PREFECT_REVISION -> ExitCode.AHEAD;
                        default -> ExitCode.SCHEMA_DRIFT;
                    };
                }
            }
        }
    }
}
