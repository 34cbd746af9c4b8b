package io.stratum.cli.internal;

import io.stratum.api.DatabaseSettings;
import io.stratum.api.SettingKey;
import io.stratum.cli.ExitCode;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** Wires the picocli command tree: streams, logging, error handling and the documented exit codes. */
public final class Cli {
    private static final String ENVIRONMENT_HEADING = "environmentHeading";
    private static final String ENVIRONMENT = "environment";

    private Cli() {
    }

    /** Parses and runs one command line; returns the exit status. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        Context context = new Context(in, out, err);
        try {
            return commandLine(context).execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    static CommandLine commandLine(Context context) {
        CommandLine commandLine = new CommandLine(new RootCommand(context));
        commandLine.setOut(new PrintWriter(context.out, true));
        commandLine.setErr(new PrintWriter(context.err, true));
        // Logging is set up once the options (-v) are known, before anything opens a database.
        commandLine.setExecutionStrategy(parseResult -> {
            context.configureLogging();
            return new CommandLine.RunLast().execute(parseResult);
        });
        commandLine.setExecutionExceptionHandler((failure, command, parseResult) -> context.report(failure));
        commandLine.setParameterExceptionHandler(Cli::usageError);
        document(commandLine, true);
        return commandLine;
    }

    /** One line naming the problem and where the usage is, plus picocli's "did you mean" suggestions. */
    private static int usageError(ParameterException error, String[] args) {
        CommandLine command = error.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("Error: " + Context.oneLine(error.getMessage()) + ". Run '"
                + command.getCommandSpec().qualifiedName() + " --help' for usage.");
        UnmatchedArgumentException.printSuggestions(error, err);
        err.flush();
        return ExitCode.USAGE.code();
    }

    /** Exit codes on every command's help; the settings' environment variables on the group commands. */
    private static void document(CommandLine commandLine, boolean top) {
        UsageMessageSpec usage = commandLine.getCommandSpec().usageMessage();
        Map<String, String> codes = new LinkedHashMap<>();
        for (ExitCode code : ExitCode.values()) {
            codes.put(String.valueOf(code.code()), escape(code.description()));
        }
        usage.exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
        boolean group = !commandLine.getSubcommands().isEmpty();
        if (group || top) {
            Map<String, String> variables = environment();
            commandLine.getHelpSectionMap().put(ENVIRONMENT_HEADING, help -> help.createHeading(
                    "%nEnvironment (an option wins over its variable; a system property stratum.database.<name> "
                            + "wins over STRATUM_DATABASE_<NAME>):%n"));
            commandLine.getHelpSectionMap().put(ENVIRONMENT, help -> help.createTextTable(variables).toString());
            List<String> keys = new ArrayList<>(commandLine.getHelpSectionKeys());
            int footer = keys.indexOf(UsageMessageSpec.SECTION_KEY_FOOTER_HEADING);
            keys.addAll(footer < 0 ? keys.size() : footer, List.of(ENVIRONMENT_HEADING, ENVIRONMENT));
            commandLine.setHelpSectionKeys(keys);
        }
        for (CommandLine sub : commandLine.getSubcommands().values()) {
            if (sub != commandLine && !"help".equals(sub.getCommandName())) {
                document(sub, false);
            }
        }
    }

    /** Each {@link SettingKey}'s variable with its meaning, range and default, then the launcher's variables. */
    static Map<String, String> environment() {
        Map<String, String> variables = new LinkedHashMap<>();
        for (SettingKey key : SettingKey.values()) {
            variables.put(key.environmentVariable(), escape(key.description() + " ("
                    + (key.allowed().isEmpty() ? "" : key.allowed() + "; ") + "default " + key.documentedDefault() + ")"));
        }
        variables.put(DatabaseSettings.HOME_ENVIRONMENT_VARIABLE,
                "folder of the default SQLite database (default ~/.stratum)");
        variables.put("JAVA_OPTS", "extra JVM options, read by bin/stratum");
        return variables;
    }

    private static String escape(String text) {
        return text.replace("%", "%%");
    }
}
