package io.stratum.api;

import java.util.regex.Pattern;

/** Removes credentials from text that may reach a log, a terminal or an exception message. */
@Api(Api.Status.STABLE)
public final class Redaction {
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:?#]*):[^@/?#]*@");
    private static final Pattern PASSWORD_PARAMETER =
            Pattern.compile("(?i)((?:password|passwd|pwd|sslpassword)=)[^&;\\s]*");

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

    /**
     * Replaces every occurrence of the secret that stands on its own (not inside a longer word), so a
     * password such as {@code postgres} is masked in {@code user:postgres@host} but does not turn
     * {@code org.postgresql} into text that both mangles the message and hints at the password.
     */
    public static String secret(String text, String secret) {
        if (text == null || secret == null || secret.isEmpty()) {
            return text;
        }
        Pattern standalone = Pattern.compile("(?<![\\p{Alnum}_])" + Pattern.quote(secret) + "(?![\\p{Alnum}_])");
        return standalone.matcher(text).replaceAll("***");
    }
}
