package io.stratum.cli.internal;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.SchemaReport;
import io.stratum.cli.ExitCode;
import picocli.CommandLine.Command;

/**
 * {@code stratum database verify}: the schema drift check against the live database — every mapped
 * column, every table and index of the reference model, nothing unknown. Changes nothing.
 */
@Command(name = "verify",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Compare the live schema with the model: every entity column (type and nullability), every table and "
                    + "index of the reference model, and nothing the model and the documented migration-only "
                    + "objects do not know.",
            "Exit 0 when they match; otherwise the differences, one per line, and exit 8. Changes nothing."
        })
final class VerifyCommand extends DatabaseSubcommand {
    @Override
    ExitCode run(Context context) {
        try (DatabaseInterface database = context.openForInspection()) {
            context.requireConnectable(database);
            String url = database.settings().redactedUrl();
            SchemaReport report = database.verifySchema();
            if (report.isClean()) {
                context.out.println("Schema of " + url + " matches the model.");
                return ExitCode.OK;
            }
            // One difference per line (not folded like an error), so each can be read, grepped and counted.
            int count = report.problems().size();
            context.err.println("Schema of " + url + " differs from the model in " + count
                    + (count == 1 ? " place:" : " places:"));
            report.problems().forEach(problem -> context.err.println("  - " + context.redact(problem)));
            context.err.flush();
            return ExitCode.SCHEMA_DRIFT;
        }
    }
}
