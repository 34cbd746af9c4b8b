package io.stratum.cli.internal;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.SchemaStatus;
import io.stratum.cli.ExitCode;
import picocli.CommandLine.Command;

/**
 * {@code stratum database check}: is the database reachable and at the newest revision? For
 * readiness probes and deploy jobs; the exit code says which case holds.
 */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Check that the database is reachable and its schema is at the newest revision this build knows.",
            "Exit 0 when up to date; otherwise one line on stderr and exit 3 (unreachable), 4 (behind), "
                    + "5 (ahead: migrated by a newer build), 9 (no SQLite file at the path) or 10 (damaged file). "
                    + "Changes and creates nothing."
        })
final class CheckCommand extends DatabaseSubcommand {
    @Override
    ExitCode run(Context context) {
        try (DatabaseInterface database = context.openForInspection()) {
            context.requireConnectable(database);
            String url = database.settings().redactedUrl();
            SchemaStatus status = database.migrations().status();
            switch (status.state()) {
                case UP_TO_DATE:
                    context.out.println("Database " + url + " is " + status.describe() + ".");
                    return ExitCode.OK;
                case BEHIND:
                    throw new CliException(ExitCode.BEHIND, "Database " + url + " is " + status.describe() + ".");
                case AHEAD:
                    throw new CliException(ExitCode.AHEAD, "Database " + url + " is " + status.describe() + ".");
                default:
                    throw new CliException(ExitCode.AHEAD, "Database " + url + ": " + status.describe() + ".");
            }
        }
    }
}
