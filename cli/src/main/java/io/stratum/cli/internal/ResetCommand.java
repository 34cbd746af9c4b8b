package io.stratum.cli.internal;

import io.stratum.api.DatabaseInterface;
import io.stratum.cli.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code stratum database reset}: drops every object (reflectively, not by downgrades) and upgrades
 * to the newest revision, as the reference's {@code reset} does.
 */
@Command(name = "reset",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Drop and recreate all tables: every object in the database is dropped (all data is lost), "
                    + "then the schema is upgraded to the newest revision.",
            "Asks for confirmation unless --yes is given."
        })
final class ResetCommand extends DatabaseSubcommand {
    @Mixin
    Confirmation confirmation;

    @Override
    ExitCode run(Context context) {
        try (DatabaseInterface database = context.open()) {
            context.requireConnectable(database);
            String url = database.settings().forMigrations().redactedUrl();
            confirmation.require(context, "Drop and recreate all tables in the database at " + url
                    + "? All data will be lost.", "Database reset aborted");
            context.out.println("Downgrading database...");
            database.dropDb();
            context.out.println("Upgrading database...");
            database.migrations().upgrade("head", new Progress(context, "Applied"));
            String now = database.migrations().current().orElse("base");
            context.out.println("Stratum database " + url + " reset! It is at revision " + now + ".");
            return ExitCode.OK;
        }
    }
}
