package io.stratum.cli.internal;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.Migrations;
import io.stratum.api.RevisionStatus;
import io.stratum.cli.ExitCode;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;

/** {@code stratum database history}: every revision, oldest first, applied (with time) or pending. */
@Command(name = "history",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "List the revisions, oldest first: applied (with the time, UTC) or pending.",
            "Revisions applied by a newer build of Stratum are listed as 'unknown to this build'."
        })
final class HistoryCommand extends DatabaseSubcommand {
    @Override
    ExitCode run(Context context) {
        try (DatabaseInterface database = context.openForInspection()) {
            context.requireConnectable(database);
            Migrations migrations = database.migrations();
            List<RevisionStatus> history = migrations.history();
            Optional<String> current = migrations.current();
            int width = "REVISION".length();
            for (RevisionStatus each : history) {
                width = Math.max(width, each.revision().id().length());
            }
            String format = "%-" + width + "s  %-7s  %-20s  %s%n";
            context.out.printf(format, "REVISION", "STATE", "APPLIED AT (UTC)", "DESCRIPTION");
            for (RevisionStatus each : history) {
                String id = each.revision().id();
                String appliedAt = each.appliedAt() == null ? "-"
                        : each.appliedAt().truncatedTo(ChronoUnit.SECONDS).toString();
                String description = each.revision().description()
                        + (current.isPresent() && current.get().equals(id) ? "  (current)" : "");
                context.out.printf(format, id, each.applied() ? "applied" : "pending", appliedAt, description);
            }
            return ExitCode.OK;
        }
    }
}
