package io.stratum.cli.internal;

import io.stratum.api.DatabaseInterface;
import io.stratum.cli.ExitCode;
import java.io.PrintStream;
import java.util.function.Consumer;

/** Prints the SQL an upgrade or downgrade would run, or says there is nothing to run; changes nothing. */
final class DryRun {
    private DryRun() {
    }

    /**
     * @param operation "upgrade" or "downgrade"
     * @param target    how the operation reads after the URL, e.g. "to revision head" or "by 1 revision"
     * @param printer   the engine's printing of the operation's SQL
     */
    static ExitCode print(Context context, DatabaseInterface database, String operation, String target,
                          Consumer<PrintStream> printer) {
        String url = database.settings().forMigrations().redactedUrl();
        String sql = Output.capture(printer);
        if (sql.isBlank()) {
            context.out.println("-- Nothing to " + operation + ": " + url + " is at revision "
                    + database.migrations().current().orElse("base") + ". Nothing was changed.");
        } else {
            context.out.println("-- Dry run: the SQL " + article(operation) + " " + operation + " of " + url + " "
                    + target + " would run. Nothing was changed.");
            context.out.print(sql);
        }
        return ExitCode.OK;
    }

    private static String article(String operation) {
        return operation.startsWith("u") ? "an" : "a";
    }
}
