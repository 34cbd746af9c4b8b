package io.stratum.cli.internal;

import io.stratum.api.ConfigurationException;
import io.stratum.api.DatabaseInterface;
import io.stratum.api.DatabaseSettings;
import io.stratum.api.SchemaStatus;
import io.stratum.api.SettingKey;
import io.stratum.api.query.RetentionProgress;
import io.stratum.api.query.RetentionRequest;
import io.stratum.api.query.RetentionResult;
import io.stratum.cli.ExitCode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code stratum database clean}: the reference's database vacuum on demand. Deletes old terminal flow
 * runs with their history, then logs, artifacts and collections of no run, and with
 * {@code --events-older-than} old events and their resources; in batches, each its own transaction, so
 * it runs beside a live server and stopping it (Ctrl-C, kill) at any point leaves a consistent database.
 */
@Command(name = "clean",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Delete old history in batches: top-level flow runs in a terminal state that ended before the "
                    + "cut-off (with their states, task runs and inputs), logs and artifacts of no run, artifact "
                    + "collections of no artifact (re-pointed at the newest artifact left, or deleted); with "
                    + "--events-older-than also older events and their resources.",
            "Each batch is its own short transaction: runs beside a live server, and an interrupted clean "
                    + "leaves a consistent database that the next clean finishes. Never touches scheduled, "
                    + "pending, running or paused runs, deployments, flows, blocks or work pools.",
            "Asks for confirmation unless --yes or --dry-run is given."
        })
final class CleanCommand extends DatabaseSubcommand {
    @Option(names = "--older-than", required = true, paramLabel = "AGE|TIME",
            description = "Flow runs that ended before this go: an age (90d, 36h, P90D; at least 1h) or an "
                    + "ISO time (2026-01-31T00:00:00Z, 2026-01-31).")
    String olderThan;

    @Option(names = "--events-older-than", paramLabel = "AGE|TIME",
            description = "Also delete events that occurred before this (and their resources); the "
                    + "event_retention_overrides setting shortens it per event type.")
    String eventsOlderThan;

    @Option(names = "--batch-size", paramLabel = "N",
            description = "Rows per batch (default: the retention_batch_size setting, 200).")
    Integer batchSize;

    @Option(names = "--dry-run", description = "Count what would be deleted; change nothing.")
    boolean dryRun;

    @Mixin
    Confirmation confirmation;

    @Override
    ExitCode run(Context context) {
        DatabaseSettings settings = context.settings();
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Instant runsBefore = cutoff(olderThan, "--older-than", SettingKey.RETENTION_PERIOD, now);
        Instant eventsBefore = eventsOlderThan == null ? null
                : cutoff(eventsOlderThan, "--events-older-than", SettingKey.EVENTS_RETENTION_PERIOD, now);
        int rows = batchSize == null ? settings.retentionBatchSize() : batchSize;
        if (rows < 1 || rows > RetentionRequest.MAX_BATCH_SIZE) {
            throw new ConfigurationException("--batch-size " + rows + " is out of range: use a whole number from 1 to "
                    + RetentionRequest.MAX_BATCH_SIZE + ".");
        }
        try (DatabaseInterface database = context.open()) {
            context.requireConnectable(database);
            String url = database.settings().redactedUrl();
            SchemaStatus status = database.migrations().status();
            if (status.state() == SchemaStatus.State.BEHIND) {
                throw new CliException(ExitCode.BEHIND, "Database " + url + " is " + status.describe()
                        + ". Run 'stratum database upgrade' before cleaning it.");
            }
            if (status.state() != SchemaStatus.State.UP_TO_DATE) {
                throw new CliException(ExitCode.AHEAD, "Database " + url + " is " + status.describe()
                        + ". Clean it with the build that migrated it.");
            }
            RetentionRequest.Builder request = RetentionRequest.builder().flowRunsBefore(runsBefore).batchSize(rows)
                    .dryRun(dryRun);
            String what = "flow runs that ended before " + runsBefore;
            if (eventsBefore != null) {
                request.eventsBefore(eventsBefore);
                for (Map.Entry<String, Duration> override : settings.eventRetentionOverrides().entrySet()) {
                    Instant typeBefore = now.minus(override.getValue());
                    if (typeBefore.isAfter(eventsBefore)) {
                        request.eventTypeBefore(override.getKey(), typeBefore);
                    }
                }
                what += " and events that occurred before " + eventsBefore;
            }
            if (!dryRun) {
                confirmation.require(context, "Delete " + what + " from the database at " + url
                        + "? Deleted history cannot be restored.", "Database clean aborted");
            }
            context.out.println((dryRun ? "Counting (dry run, nothing is deleted) " : "Deleting ") + what + " in " + url
                    + ", " + rows + " rows per batch...");
            context.out.flush();
            RetentionResult result = database.queries().retention().clean(request.progress(new RetentionProgress() {
                @Override
                public void finished(String table, long total, Duration elapsed) {
                    context.out.println("  " + table + ": " + total + (dryRun ? " rows would be deleted" : " rows deleted")
                            + " (" + seconds(elapsed) + ")");
                    context.out.flush();
                }
            }).build());
            String repointed = result.repointedCollections() == 0 ? ""
                    : ", " + result.repointedCollections() + " artifact collection(s) "
                    + (dryRun ? "would be re-pointed" : "re-pointed");
            context.out.println((dryRun ? "Dry run: " + result.total() + " rows would be deleted" : "Database " + url
                    + " cleaned: " + result.total() + " rows deleted") + repointed + " in " + seconds(result.elapsed()) + ".");
            return ExitCode.OK;
        }
    }

    /** An age before now ({@code key}'s duration forms and range) or an ISO time or date (UTC midnight). */
    static Instant cutoff(String value, String option, SettingKey key, Instant now) {
        String text = value.trim();
        if (text.length() >= 10 && Character.isDigit(text.charAt(0)) && text.charAt(4) == '-') {
            try {
                return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                        : java.time.OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw new ConfigurationException(option + " '" + value + "' is not an ISO time: use a form such as "
                        + "2026-01-31T00:00:00Z or 2026-01-31, or an age such as 90d.");
            }
        }
        return now.minus(key.parseDuration(text, option));
    }

    private static String seconds(Duration elapsed) {
        return String.format(Locale.ROOT, "%.1f s", elapsed.toMillis() / 1000.0);
    }
}
