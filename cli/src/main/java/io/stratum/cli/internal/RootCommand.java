package io.stratum.cli.internal;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code stratum}. Holds the global options; they are inherited, so they may be given before or after
 * any subcommand ({@code stratum --url U database check} = {@code stratum database check --url U}).
 */
@Command(name = "stratum",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Stratum: the database layer of a workflow-orchestration server, on PostgreSQL or SQLite.",
        subcommands = {DatabaseCommand.class, HelpCommand.class})
final class RootCommand {
    final Context context;

    RootCommand(Context context) {
        this.context = context;
    }

    @Option(names = "--url", paramLabel = "JDBC_URL", scope = ScopeType.INHERIT,
            description = "Database URL: jdbc:sqlite:<file> or jdbc:postgresql://<host>:<port>/<db>. "
                    + "Default: $STRATUM_DATABASE_URL, else jdbc:sqlite:$STRATUM_HOME/stratum.db "
                    + "(STRATUM_HOME defaults to ~/.stratum).")
    void url(String url) {
        context.url(url);
    }

    @Option(names = "--user", paramLabel = "USER", scope = ScopeType.INHERIT,
            description = "Database user (PostgreSQL). Default: $STRATUM_DATABASE_USER.")
    void user(String user) {
        context.user(user);
    }

    @Option(names = "--password-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Read the database password from FILE; a trailing line break is removed. "
                    + "Default: $STRATUM_DATABASE_PASSWORD. The password is never printed.")
    void passwordFile(Path file) {
        context.passwordFile(file);
    }

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Show library log records (INFO) and stack traces of errors; -vv also shows debug records.")
    void verbose(boolean[] verbose) {
        context.verbosity(verbose == null ? 0 : verbose.length);
    }
}
