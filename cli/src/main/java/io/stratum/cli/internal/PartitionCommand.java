package io.stratum.cli.internal;

import io.stratum.api.ConfigurationException;
import io.stratum.api.DatabaseInterface;
import io.stratum.api.HistoryPartitions;
import io.stratum.api.SchemaStatus;
import io.stratum.cli.ExitCode;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code stratum database partition on|off|status|ahead}: the opt-in partitioned form of log, events and
 * event_resources on PostgreSQL (day partitions, which retention drops whole), turned on and off keeping
 * every row, under the migration lock.
 */
@Command(name = "partition",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "PostgreSQL: keep log, events and event_resources in day partitions (by log.timestamp, events.occurred, "
                    + "event_resources.occurred, UTC days), so that 'stratum database clean' drops old days whole "
                    + "instead of deleting their rows (no dead tuples, no vacuum).",
            "on: convert the plain tables (every row kept, in one transaction under the migration lock; the three "
                    + "tables take no reads or writes meanwhile). off: back to the reference's plain tables. "
                    + "status: which form the database has. ahead: create the day partitions of today and the next "
                    + "--days-ahead days (every clean does this too).",
            "on and off ask for confirmation unless --yes is given. SQLite has no partitions: 'on' is refused."
        })
final class PartitionCommand extends DatabaseSubcommand {
    @Parameters(index = "0", paramLabel = "on|off|status|ahead", description = "What to do.")
    String action;

    @Option(names = "--days-ahead", paramLabel = "N",
            description = "Day partitions created ahead of today (default " + HistoryPartitions.DEFAULT_DAYS_AHEAD + ").")
    int daysAhead = HistoryPartitions.DEFAULT_DAYS_AHEAD;

    @Mixin
    Confirmation confirmation;

    @Override
    ExitCode run(Context context) {
        if (!List.of("on", "off", "status", "ahead").contains(action)) {
            throw new ConfigurationException("Unknown partition action '" + action + "': use on, off, status or ahead.");
        }
        try (DatabaseInterface database = context.open()) {
            context.requireConnectable(database);
            String url = database.settings().redactedUrl();
            SchemaStatus status = database.migrations().status();
            if (status.state() != SchemaStatus.State.UP_TO_DATE) {
                throw new CliException(status.state() == SchemaStatus.State.BEHIND ? ExitCode.BEHIND : ExitCode.AHEAD,
                        "Database " + url + " is " + status.describe() + ". Bring it to this build's newest revision "
                                + "('stratum database upgrade') before changing the form of its history tables.");
            }
            HistoryPartitions partitions = database.historyPartitions();
            switch (action) {
                case "status" -> context.out.println("Database " + url + ": log, events and event_resources are "
                        + (partitions.enabled() ? "in day partitions." : "plain tables (the reference's form)."));
                case "ahead" -> {
                    List<String> created = partitions.createAhead(daysAhead);
                    context.out.println(created.isEmpty() ? "Every day partition up to " + daysAhead + " days ahead exists."
                            : "Created " + String.join(", ", created) + ".");
                }
                default -> {
                    boolean on = action.equals("on");
                    confirmation.require(context, (on ? "Convert log, events and event_resources of " + url
                            + " into day partitions" : "Convert log, events and event_resources of " + url
                            + " back into plain tables") + "? Every row is copied; the three tables are locked until it "
                            + "commits.", "Partition change aborted");
                    long started = System.nanoTime();
                    Map<String, Long> moved = on ? partitions.enable(daysAhead) : partitions.disable();
                    if (moved.isEmpty()) {
                        context.out.println("Nothing to do: the history tables of " + url + " are already "
                                + (on ? "in day partitions." : "plain tables."));
                    } else {
                        moved.forEach((table, rows) -> context.out.println("  " + table + ": " + rows + " rows moved"));
                        context.out.println(String.format(java.util.Locale.ROOT, "History tables of %s %s in %.1f s.", url,
                                on ? "now in day partitions" : "plain again", (System.nanoTime() - started) / 1e9));
                    }
                }
            }
            return ExitCode.OK;
        }
    }
}
