package io.stratum.api.internal;

import io.stratum.api.ConfigurationException;
import io.stratum.api.DatabaseSettings;
import io.stratum.api.SettingKey;
import java.net.UnknownHostException;
import java.sql.SQLException;

/**
 * Connection errors that retrying cannot fix: the server refused the login (SQLState class 28,
 * invalid authorization: unknown user, wrong password, no pg_hba entry) or the database named in the
 * URL does not exist (3D000), or the host name cannot be resolved ({@link UnknownHostException}, most
 * likely a typo), or a pooler refused a startup parameter (PgBouncer: "unsupported startup parameter").
 * They become a {@link ConfigurationException} naming the settings to fix;
 * the password never appears.
 */
final class LoginErrors {
    private LoginErrors() {
    }

    /** The configuration error for a refused login, or {@code null} when the error is something else. */
    static ConfigurationException refused(SQLException error, DatabaseSettings settings) {
        UnknownHostException unknownHost = unknownHost(error);
        if (unknownHost != null) {
            // A typo is the likely cause, and retrying cannot fix it: a configuration error naming the host.
            String host = unknownHost.getMessage() == null ? "?" : unknownHost.getMessage().replaceAll(":.*$", "").strip();
            return new ConfigurationException("Database host '" + host + "' could not be resolved (check the host name "
                    + "in the URL " + settings.redactedUrl() + ", " + SettingKey.URL.environmentVariable() + ").", error);
        }
        javax.net.ssl.SSLHandshakeException handshake = tlsHandshake(error);
        if (handshake != null) {
            // The server's certificate was not accepted (unknown CA, another host name) or no TLS version was
            // agreed: retrying cannot help. One line, naming the settings to check.
            String reason = handshake.getMessage() == null ? handshake.getClass().getSimpleName()
                    : handshake.getMessage().strip().replaceAll("\\s*\\R\\s*", " ").replaceAll("\\.+$", "");
            return new ConfigurationException("TLS connection to " + settings.redactedUrl() + " refused: " + reason
                    + ". Check " + SettingKey.TLS_CA_FILE.environmentVariable() + " and "
                    + SettingKey.TLS_CHECK_HOSTNAME.environmentVariable() + ".", error);
        }
        String state = error.getSQLState();
        if (state == null) {
            return null;
        }
        String reason = SafeMessages.message(error, settings).strip().replaceAll("\\.+$", "");
        if (state.startsWith("28")) {
            return new ConfigurationException("The database at " + settings.redactedUrl() + " refused the login of user "
                    + settings.user().orElse("<none>") + ": " + reason + ". Check " + SettingKey.USER.environmentVariable()
                    + " and " + SettingKey.PASSWORD.environmentVariable() + " (and that the server lets this user connect "
                    + "from here).", error);
        }
        if (reason.contains("unsupported startup parameter")) {
            // PgBouncer's answer to a parameter it does not pass on; retrying cannot help.
            return new ConfigurationException("The database at " + settings.redactedUrl() + ", or a connection pooler "
                    + "in front of it, refused a connection parameter Stratum sends: " + reason + ". PgBouncer refuses "
                    + "'options', in which a direct connection carries Stratum's session settings (statement timeout): "
                    + "for a URL through a transaction-mode pooler set " + SettingKey.TRANSACTION_POOLER.environmentVariable()
                    + "=true (and " + SettingKey.MIGRATION_URL.environmentVariable() + " to the server itself) rather "
                    + "than ignoring the parameter, which would lose the timeout.", error);
        }
        if (state.equals("3D000")) {
            return new ConfigurationException("The database named in " + settings.redactedUrl() + " does not exist on the "
                    + "server: " + reason + ". Create it, or fix the database name in "
                    + SettingKey.URL.environmentVariable() + ".", error);
        }
        return null;
    }

    /** The TLS handshake failure anywhere in the error's causes, or {@code null}. */
    static javax.net.ssl.SSLHandshakeException tlsHandshake(Throwable error) {
        int depth = 0;
        for (Throwable t = error; t != null && depth++ < 20; t = t.getCause()) {
            if (t instanceof javax.net.ssl.SSLHandshakeException) {
                return (javax.net.ssl.SSLHandshakeException) t;
            }
        }
        return null;
    }

    /** The {@link UnknownHostException} anywhere in the error's causes, or {@code null}. */
    static UnknownHostException unknownHost(Throwable error) {
        int depth = 0;
        for (Throwable t = error; t != null && depth++ < 20; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return (UnknownHostException) t;
            }
        }
        return null;
    }
}
