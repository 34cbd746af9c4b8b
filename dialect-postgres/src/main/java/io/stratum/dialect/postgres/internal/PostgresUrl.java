package io.stratum.dialect.postgres.internal;

import io.stratum.api.ConfigurationException;
import io.stratum.api.Redaction;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Checks a PostgreSQL URL before the driver sees it. pgjdbc's {@code Driver.parseURL} logs a URL it
 * cannot parse verbatim at WARNING (logger {@code org.postgresql}) — with any password in it — so every
 * case where it would give up is refused here first, with the URL redacted. The driver's parser then
 * only ever sees the redacted form.
 */
final class PostgresUrl {
    static final String PREFIX = "jdbc:postgresql:";
    private static final String FORM = "Use jdbc:postgresql://<host>[:<port>]/<database>, for example "
            + "jdbc:postgresql://127.0.0.1:5432/stratum.";

    private PostgresUrl() {
    }

    static void check(String url) {
        String redacted = Redaction.url(url);
        int query = url.indexOf('?');
        String server = (query < 0 ? url : url.substring(0, query)).substring(PREFIX.length());
        if (!server.startsWith("//") || server.length() <= 2 || server.equals("///")) {
            throw malformed(redacted, "");
        }
        server = server.substring(2);
        // User-info as the redaction sees it: a password may hold / ? #, which would otherwise end the host part.
        int maskedUserInfo = redacted.indexOf(":***@");
        if (server.indexOf('@') >= 0
                || maskedUserInfo > 0 && redacted.substring(PREFIX.length() + 2, maskedUserInfo).matches("[^/?#@]*")) {
            throw new ConfigurationException("PostgreSQL URL '" + redacted + "' has a user or password before the host "
                    + "(user:password@host), which the PostgreSQL driver does not read. Set STRATUM_DATABASE_USER and "
                    + "STRATUM_DATABASE_PASSWORD instead (or --user and --password-file). " + FORM);
        }
        int slash = server.indexOf('/');
        if (slash < 0) {
            throw malformed(redacted, ": a / must follow the host or port");
        }
        if (server.indexOf('/', slash + 1) >= 0) {
            throw malformed(redacted, ": it has more than one / after the host");
        }
        decoded(server.substring(slash + 1), redacted, "the database name");
        for (String address : server.substring(0, slash).split(",", -1)) {
            int colon = address.lastIndexOf(':');
            if (colon >= 0 && address.lastIndexOf(']') < colon) {
                String port = address.substring(colon + 1);
                if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                    throw malformed(redacted, ": the port (a number from 1 to 65535) is not valid");
                }
            }
        }
        if (query >= 0) {
            for (String parameter : url.substring(query + 1).split("&")) {
                int equals = parameter.indexOf('=');
                if (equals >= 0) {
                    decoded(parameter.substring(equals + 1), redacted, "the value of parameter '"
                            + parameter.substring(0, equals) + "'");
                }
            }
        }
        // Whatever this check missed, the driver's parser sees only the redacted URL, never a password.
        if (org.postgresql.Driver.parseURL(redacted, null) == null) {
            throw malformed(redacted, ": the driver cannot parse its host, port (a number from 1 to 65535) or parameters");
        }
    }

    private static void decoded(String text, String redacted, String what) {
        try {
            URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw malformed(redacted, ": " + what + " is not properly URL-encoded (a % must be followed by two hex digits)");
        }
    }

    private static ConfigurationException malformed(String redacted, String why) {
        return new ConfigurationException("PostgreSQL URL '" + redacted + "' is malformed" + why + ". " + FORM);
    }
}
