package io.stratum.cli.internal;

import io.stratum.api.ConfigurationException;
import io.stratum.api.DatabaseCorruptException;
import io.stratum.api.DatabaseInterface;
import io.stratum.api.DatabaseNotFoundException;
import io.stratum.api.DatabaseSettings;
import io.stratum.api.DatabaseUnavailableException;
import io.stratum.api.MigrationException;
import io.stratum.api.MigrationLockTimeoutException;
import io.stratum.api.Redaction;
import io.stratum.api.SchemaVersionException;
import io.stratum.api.SettingKey;
import io.stratum.api.Stratum;
import io.stratum.api.StratumException;
import io.stratum.cli.ExitCode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One invocation of the command: its streams, the global options, the settings resolved from them
 * and the environment, and the error reporting. Not thread-safe; one per {@link Cli#run}.
 */
final class Context {
    /** Logger of the api's database implementation, which says at FINE why a connection attempt failed. */
    private static final String CONNECT_LOGGER = "io.stratum.api.internal.StratumDatabase";
    private static final String CONNECT_PREFIX = "Database not connectable: ";

    final InputStream in;
    final PrintStream out;
    final PrintStream err;

    private String url;
    private String user;
    private Path passwordFile;
    private int verbosity;

    private DatabaseSettings settings;
    /** The password, once known: removed from everything printed. */
    private volatile String secret;

    Context(InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    void url(String url) {
        this.url = url;
    }

    void user(String user) {
        this.user = user;
    }

    void passwordFile(Path passwordFile) {
        this.passwordFile = passwordFile;
    }

    void verbosity(int verbosity) {
        this.verbosity = verbosity;
    }

    int verbosity() {
        return verbosity;
    }

    void configureLogging() {
        ConsoleLogging.configure(verbosity, err, this::redact);
    }

    /**
     * Settings from the options, then {@code stratum.database.*} system properties, then
     * {@code STRATUM_DATABASE_*} variables, then defaults. Never migrates on open: the CLI migrates only
     * when told to.
     */
    DatabaseSettings settings() {
        if (settings != null) {
            return settings;
        }
        String password = null;
        if (passwordFile != null) {
            password = readPasswordFile(passwordFile, err);
            secret = password;
        }
        Map<String, String> environment = new HashMap<>(System.getenv());
        Properties properties = new Properties();
        properties.putAll(System.getProperties());
        // A flag replaces its setting entirely, so a malformed variable it overrides cannot fail the command.
        overridden(environment, properties, SettingKey.URL, url != null);
        overridden(environment, properties, SettingKey.USER, user != null);
        overridden(environment, properties, SettingKey.PASSWORD, password != null);
        String fromEnvironment = properties.getProperty(SettingKey.PASSWORD.systemProperty(),
                environment.get(SettingKey.PASSWORD.environmentVariable()));
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            secret = fromEnvironment;
        }
        DatabaseSettings.Builder builder = DatabaseSettings.fromSources(environment, properties).toBuilder();
        if (url != null) {
            builder.url(url);
        }
        if (user != null) {
            builder.user(user);
        }
        if (password != null) {
            builder.password(password);
        }
        settings = builder.migrateOnStart(false).build();
        settings.password().ifPresent(p -> secret = p);
        return settings;
    }

    private static void overridden(Map<String, String> environment, Properties properties, SettingKey key, boolean flag) {
        if (flag) {
            environment.remove(key.environmentVariable());
            properties.remove(key.systemProperty());
        }
    }

    /** A password file larger than this is refused: it is not a password (a key file, a log, a wrong path). */
    static final int PASSWORD_FILE_MAX_BYTES = 4096;

    /**
     * The file's content without its trailing line break(s). A file readable by group or others gets a
     * warning on {@code err} naming it and the fix ({@code chmod 600}); it is still read, so a deploy with
     * loose modes keeps working while it says what to tighten.
     */
    static String readPasswordFile(Path file, PrintStream err) {
        String content;
        try {
            long size = Files.size(file);
            if (size > PASSWORD_FILE_MAX_BYTES) {
                throw new ConfigurationException("Password file " + file + " has " + size + " bytes; a password file "
                        + "holds the password alone, at most " + PASSWORD_FILE_MAX_BYTES + " bytes. Check the path.");
            }
            warnIfOthersCanRead(file, err);
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("Password file " + file + " does not exist.");
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read password file " + file + " ("
                    + e.getClass().getSimpleName() + "). Check that it is a readable UTF-8 text file.");
        }
        int end = content.length();
        while (end > 0 && (content.charAt(end - 1) == '\n' || content.charAt(end - 1) == '\r')) {
            end--;
        }
        return content.substring(0, end);
    }

    private static void warnIfOthersCanRead(Path file, PrintStream err) throws IOException {
        java.util.Set<java.nio.file.attribute.PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return;
        }
        if (permissions.contains(java.nio.file.attribute.PosixFilePermission.GROUP_READ)
                || permissions.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ)) {
            err.println("Warning: password file " + file + " is readable by group or others ("
                    + java.nio.file.attribute.PosixFilePermissions.toString(permissions) + "); restrict it: chmod 600 "
                    + file);
            err.flush();
        }
    }

    /** The configured URL with any credentials masked. */
    String redactedUrl() {
        return settings().redactedUrl();
    }

    /** Opens the database interface; connects lazily (see {@link #requireConnectable}). */
    DatabaseInterface open() {
        return Stratum.open(settings());
    }

    /**
     * Opens the database interface for inspection ({@link DatabaseSettings#readOnly()}): commands that
     * change nothing create nothing either — no SQLite file, folder, -wal or -shm — and work on a
     * database in a read-only folder.
     */
    DatabaseInterface openForInspection() {
        return Stratum.open(settings().toBuilder().readOnly(true).build());
    }

    /**
     * Fails with {@link ExitCode#UNREACHABLE} unless a connection opens now. Bounded by the connection
     * timeout, so a dead server is reported in seconds, not after the pool's wait.
     */
    void requireConnectable(DatabaseInterface database) {
        requireConnectable(database, !database.settings().readOnly());
    }

    /**
     * {@link #requireConnectable}, and fails with {@link ExitCode#NO_DATABASE} when the SQLite file does not
     * exist: for commands that change a database but never start one (a downgrade).
     */
    void requireExisting(DatabaseInterface database) {
        requireConnectable(database, false);
    }

    private void requireConnectable(DatabaseInterface database, boolean mayCreate) {
        ReasonCapture capture = new ReasonCapture();
        boolean connectable = false;
        try {
            database.checkConnectable();
            connectable = true;
        } catch (DatabaseNotFoundException e) {
            if (!mayCreate) {
                throw e;
            }
            // A writer creates the missing SQLite file (with private permissions): that is how a database starts.
            connectable = true;
        } catch (DatabaseCorruptException e) {
            throw e;
        } catch (ConfigurationException e) {
            // A setting or location wrong before any connection was tried (a malformed URL, a folder, a
            // symbolic link) is a configuration error; a refused login or an unknown host is reported below
            // as unreachable, with the driver's reason.
            if (!triedToConnect(e) || tlsRefused(e)) {
                // A certificate the TLS settings do not accept is a configuration error (exit 6): retrying
                // cannot help, and the line names the setting to check.
                throw e;
            }
        } catch (StratumException e) {
            // Unreachable or refused: reported below with the driver's reason.
        } finally {
            capture.detach();
        }
        if (!connectable) {
            DatabaseSettings current = database.settings();
            String reason = capture.reason == null ? "" : " (" + capture.reason.replaceAll("[.\\s]+$", "") + ")";
            throw new CliException(ExitCode.UNREACHABLE, "Database " + current.redactedUrl() + " is unreachable"
                    + current.user().map(u -> " as user " + u).orElse("") + reason
                    + ". Check that it is running and that the URL, user and password are right.");
        }
    }

    private static boolean tlsRefused(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof javax.net.ssl.SSLHandshakeException) {
                return true;
            }
        }
        return false;
    }

    private static boolean triedToConnect(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException || cause instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Asks a yes/no question on stdout and reads one line from stdin. Only {@code y} or {@code yes}
     * (any case) agree; anything else, an empty stdin or end of input declines.
     */
    boolean confirm(String question) {
        out.print(question + " [y/N]: ");
        out.flush();
        String answer;
        try {
            answer = new BufferedReader(new InputStreamReader(in, java.nio.charset.Charset.defaultCharset())).readLine();
        } catch (IOException e) {
            answer = null;
        }
        if (answer == null) {
            out.println();
            return false;
        }
        String normalised = answer.trim().toLowerCase(Locale.ROOT);
        return normalised.equals("y") || normalised.equals("yes");
    }

    /** Maps a failure to its exit code, prints one line (and with {@code -v} the stack trace) on stderr. */
    int report(Throwable failure) {
        ExitCode code = exitCode(failure);
        String line = failure instanceof CliException ? failure.getMessage() : "Error: " + describe(failure);
        err.println(oneLine(redact(line)));
        if (verbosity > 0 && !(failure instanceof CliException)) {
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            err.print(redact(trace.toString()));
        }
        err.flush();
        return code.code();
    }

    static ExitCode exitCode(Throwable failure) {
        if (failure instanceof CliException) {
            return ((CliException) failure).exitCode();
        }
        if (failure instanceof DatabaseUnavailableException) {
            return ExitCode.UNREACHABLE;
        }
        if (failure instanceof DatabaseNotFoundException) {
            return ExitCode.NO_DATABASE;
        }
        if (failure instanceof DatabaseCorruptException) {
            return ExitCode.CORRUPT;
        }
        if (failure instanceof MigrationLockTimeoutException) {
            return ExitCode.LOCK_TIMEOUT;
        }
        if (failure instanceof SchemaVersionException) {
            return ExitCode.AHEAD;
        }
        if (failure instanceof MigrationException) {
            return ExitCode.MIGRATION_FAILED;
        }
        if (failure instanceof ConfigurationException) {
            return ExitCode.CONFIGURATION;
        }
        return ExitCode.FAILURE;
    }

    private String describe(Throwable failure) {
        if (failure instanceof StratumException && failure.getMessage() != null) {
            return failure.getMessage();
        }
        String text = failure.getMessage() == null ? failure.getClass().getName()
                : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != failure && root.getMessage() != null && !text.contains(root.getMessage())) {
            text += " (caused by " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        }
        return text + (failure instanceof StratumException || verbosity > 0 ? "" : ". Run with -v for the stack trace.");
    }

    /** Removes the password and URL credentials from text about to be printed (see {@link Redaction}). */
    String redact(String text) {
        return Redaction.text(text, secret);
    }

    static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** Collects why {@link DatabaseInterface#isDbConnectable()} said no; the api logs it at FINE. */
    private static final class ReasonCapture extends Handler {
        private final Logger logger = Logger.getLogger(CONNECT_LOGGER);
        private final Level previous = logger.getLevel();
        private volatile String reason;

        ReasonCapture() {
            setLevel(Level.FINE);
            logger.addHandler(this);
            if (!logger.isLoggable(Level.FINE)) {
                logger.setLevel(Level.FINE);
            }
        }

        void detach() {
            logger.removeHandler(this);
            logger.setLevel(previous);
        }

        @Override
        public void publish(LogRecord record) {
            String message = record.getMessage();
            if (message != null && message.startsWith(CONNECT_PREFIX)) {
                reason = oneLine(message.substring(CONNECT_PREFIX.length()));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
