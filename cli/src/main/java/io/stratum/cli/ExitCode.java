package io.stratum.cli;

import io.stratum.api.Api;

/**
 * The exit statuses of the {@code stratum} command. Stable: scripts and deployment jobs may depend on
 * them. Each command's {@code --help} lists them.
 */
@Api(Api.Status.STABLE)
public enum ExitCode {
    /** The command did what was asked; {@code check}: the schema is at the newest revision. */
    OK(0, "Success; for check: the database is up to date."),
    /** The user declined the confirmation (or stdin was empty), or an unexpected error occurred. */
    FAILURE(1, "Aborted at the confirmation prompt, or an unexpected error."),
    /** Unknown command or option, missing or malformed argument. */
    USAGE(2, "Usage error: unknown command or option, missing or bad argument."),
    /** No connection to the database could be opened. */
    UNREACHABLE(3, "The database is unreachable (not running, wrong URL, user or password)."),
    /** {@code check}: revisions this build knows are not applied yet. */
    BEHIND(4, "check, clean: the database is behind; run 'stratum database upgrade'."),
    /** The database carries a revision this build does not know: it was migrated by a newer build. */
    AHEAD(5, "The database is ahead: migrated by a newer build of Stratum."),
    /** A setting is wrong, or a needed module (dialect, migrations) is missing from the deployment. */
    CONFIGURATION(6, "Configuration error, or the dialect for the URL is not installed."),
    /** A revision could not be applied or reverted, or a revision argument is unknown. */
    MIGRATION_FAILED(7, "A migration failed, or the revision given is unknown."),
    /** {@code verify}: the live schema differs from what the model and migrations define. */
    SCHEMA_DRIFT(8, "verify: the live schema differs from the model (drift listed on stderr)."),
    /** No SQLite database file where the URL points; a read-only command created nothing. */
    NO_DATABASE(9, "No database file at the SQLite path; nothing was created."),
    /** The database file is damaged or is not a database. */
    CORRUPT(10, "The database file is damaged or not a database: restore it from a backup."),

    /** Another process held the migration lock longer than {@code lock_timeout}; nothing was changed. */
    LOCK_TIMEOUT(11, "Another process held the migration lock longer than lock_timeout.");

    private final int code;
    private final String description;

    ExitCode(int code, String description) {
        this.code = code;
        this.description = description;
    }

    /** The process exit status. */
    public int code() {
        return code;
    }

    /** One line for {@code --help} and the README. */
    public String description() {
        return description;
    }
}
