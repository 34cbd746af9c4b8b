package io.stratum.api;

/**
 * The database file is damaged or is not a database at all (SQLite: {@code SQLITE_CORRUPT},
 * {@code SQLITE_NOTADB}, or a file without the SQLite header). Retrying cannot help, and neither can
 * another setting: the file must be restored.
 */
@Api(Api.Status.STABLE)
public class DatabaseCorruptException extends StratumException {
    private static final long serialVersionUID = 1L;

    /**
     * @param database the database as shown to the user (a redacted URL naming the file)
     * @param reason   what the database library said
     */
    public DatabaseCorruptException(String database, String reason, Throwable cause) {
        super("The database " + database + " is damaged or is not a database: " + reason.strip().replaceAll("\\.+$", "")
                + ". Restore it from a backup; `PRAGMA integrity_check` tells more.", cause);
    }
}
