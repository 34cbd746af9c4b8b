package io.stratum.api;

import java.util.regex.Pattern;

/** Removes credentials from text that may reach a log, a terminal or an exception message. */
public final class Redaction {
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:?#]*):[^@/?#]*@");
    private static final Pattern PASSWORD_PARAMETER =
            Pattern.compile("(?i)((?:password|passwd|pwd|sslpassword)=)[^&;]*");

    private Redaction() {
    }

    /** {@code jdbc:postgresql://u:secret@h/db?password=x} → {@code jdbc:postgresql://u:***@h/db?password=***}. */
    public static String url(String url) {
        if (url == null) {
            return null;
        }
        String masked = USER_INFO.matcher(url).replaceAll("$1:***@");
        return PASSWORD_PARAMETER.matcher(masked).replaceAll("$1***");
    }

    /** Replaces every occurrence of the secret in the text. */
    public static String secret(String text, String secret) {
        if (text == null || secret == null || secret.isEmpty()) {
            return text;
        }
        return text.replace(secret, "***");
    }
}
