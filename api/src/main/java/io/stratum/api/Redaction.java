package io.stratum.api;

import java.util.regex.Pattern;

/**
 * Removes credentials from text that may reach a log, a terminal or an exception message: the one
 * redaction of Stratum, used by the library and the CLI alike.
 *
 * <ul>
 * <li>URL user-info: everything between the user's {@code :} and the <em>last</em> {@code @} of the
 *     blank-free stretch, so a password holding {@code @ / # ?} is masked whole
 *     ({@code //postgres:p@ss@host} → {@code //postgres:***@host});</li>
 * <li>{@code password=}, {@code sslpassword=} and any other {@code …password=}, {@code passwd=},
 *     {@code pwd=} parameter: up to the next {@code &} or the end of the line, blanks included
 *     ({@code ?password=top secret value} → {@code ?password=***}). A value that is already {@code ***}
 *     (followed by {@code &}, a blank, a quote, a closing bracket or punctuation) is left alone, so text
 *     built around a redacted URL keeps its words.</li>
 * </ul>
 */
@Api(Api.Status.STABLE)
public final class Redaction {
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:?#\\s]*):\\S*@");
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile(
            "(?i)((?<![\\p{Alnum}_])[\\p{Alnum}_.-]*(?:password|passwd|pwd)=)(?!\\*\\*\\*(?:[&\\s'\"`)\\]}>,;.!]|$))[^&\\r\\n]*");
    /** Characters that may stand right before or after a password in text: see {@link #secret}. */
    private static final String DELIMITERS = "\\s\"'`:@/?&=;,()\\[\\]{}<>|";
    /** After a password a sentence may also end. */
    private static final String DELIMITERS_AFTER = DELIMITERS + ".!";

    private Redaction() {
    }

    /** {@code jdbc:postgresql://u:secret@h/db?password=x&ssl=true} → {@code jdbc:postgresql://u:***@h/db?password=***&ssl=true}. */
    public static String url(String text) {
        if (text == null) {
            return null;
        }
        String masked = USER_INFO.matcher(text).replaceAll("$1:\\*\\*\\*@");
        return PASSWORD_PARAMETER.matcher(masked).replaceAll("$1\\*\\*\\*");
    }

    /**
     * Masks the known secret wherever it stands as a token of its own: between blanks, quotes or URL
     * punctuation ({@code user:secret@host}, {@code password=secret&}, {@code 'secret'}). It is not
     * masked inside a longer name, so the common password {@code postgres} leaves {@code org.postgresql}
     * and {@code stratum-dialect-postgres} readable (masking them would give it away all the same).
     */
    public static String secret(String text, String secret) {
        if (text == null || secret == null || secret.isEmpty()) {
            return text;
        }
        String before = isIn(secret.charAt(0), DELIMITERS) ? "" : "(?<![^" + DELIMITERS + "])";
        String after = isIn(secret.charAt(secret.length() - 1), DELIMITERS_AFTER) ? ""
                : "(?![^" + DELIMITERS_AFTER + "])";
        return Pattern.compile(before + Pattern.quote(secret) + after).matcher(text).replaceAll("\\*\\*\\*");
    }

    /** Both: the known secret ({@code null} when none), then URL credentials. */
    public static String text(String text, String secret) {
        return url(secret(text, secret));
    }

    private static boolean isIn(char c, String characterClass) {
        return Pattern.matches("[" + characterClass + "]", String.valueOf(c));
    }
}
