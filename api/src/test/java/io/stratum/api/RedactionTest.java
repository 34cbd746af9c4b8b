package io.stratum.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one redaction, form by form (issue 13 item 10). {@link #FORMS} is also run through the CLI and the library's logs. */
class RedactionTest {
    /** Each: the text, what it must become, and the secret that must be gone. */
    public static final List<List<String>> FORMS = List.of(
            List.of("jdbc:postgresql://app:hunter2@127.0.0.1/db?password=hunter2&ssl=true",
                    "jdbc:postgresql://app:***@127.0.0.1/db?password=***&ssl=true", "hunter2"),
            List.of("jdbc:postgresql://postgres:p@ss@127.0.0.1:5432/db", "jdbc:postgresql://postgres:***@127.0.0.1:5432/db", "p@ss"),
            List.of("jdbc:postgresql://u:pa/ss@127.0.0.1/db", "jdbc:postgresql://u:***@127.0.0.1/db", "pa/ss"),
            List.of("jdbc:postgresql://u:pa#ss@127.0.0.1/db", "jdbc:postgresql://u:***@127.0.0.1/db", "pa#ss"),
            List.of("jdbc:postgresql://u:pa?ss@127.0.0.1/db", "jdbc:postgresql://u:***@127.0.0.1/db", "pa?ss"),
            List.of("jdbc:postgresql://u:a@b/c?d#e@127.0.0.1/db", "jdbc:postgresql://u:***@127.0.0.1/db", "a@b/c?d#e"),
            List.of("jdbc:postgresql://127.0.0.1/db?password=top secret value",
                    "jdbc:postgresql://127.0.0.1/db?password=***", "top secret value"),
            List.of("jdbc:postgresql://127.0.0.1/db?user=u&password=s3cr#t/x&ssl=true",
                    "jdbc:postgresql://127.0.0.1/db?user=u&password=***&ssl=true", "s3cr#t/x"),
            List.of("jdbc:postgresql://127.0.0.1/db?sslpassword=k3y pass&sslmode=require",
                    "jdbc:postgresql://127.0.0.1/db?sslpassword=***&sslmode=require", "k3y pass"),
            List.of("jdbc:postgresql://127.0.0.1/db?PASSWORD=Upp3r", "jdbc:postgresql://127.0.0.1/db?PASSWORD=***", "Upp3r"),
            List.of("jdbc:sqlite:/tmp/x.db?pwd=short", "jdbc:sqlite:/tmp/x.db?pwd=***", "short"),
            List.of("jdbc:postgresql://127.0.0.1/db?sslKeyStorePassword=k5t0re&x=1",
                    "jdbc:postgresql://127.0.0.1/db?sslKeyStorePassword=***&x=1", "k5t0re"));

    @Test
    void everyFormIsMasked() {
        for (List<String> form : FORMS) {
            assertThat(Redaction.url(form.get(0))).as(form.get(0)).isEqualTo(form.get(1));
            assertThat(Redaction.url(form.get(1))).as("idempotent: " + form.get(1)).isEqualTo(form.get(1));
        }
    }

    @Test
    void textAroundARedactedUrlKeepsItsWordsButRawTextIsMaskedToTheEnd() {
        assertThat(Redaction.url("Could not open jdbc:postgresql://app:hunter2@127.0.0.1/db?password=hunter2&ssl=true now; retry"))
                .isEqualTo("Could not open jdbc:postgresql://app:***@127.0.0.1/db?password=***&ssl=true now; retry");
        // Built around redactedUrl(): already masked, the rest of the sentence stays.
        assertThat(Redaction.url("Database jdbc:sqlite:/x.db?password=*** is behind: at revision 2; run it"))
                .isEqualTo("Database jdbc:sqlite:/x.db?password=*** is behind: at revision 2; run it");
        // Raw text (a driver's log record): a password may hold blanks, so it is masked to the end of the line.
        assertThat(Redaction.url("JDBC URL invalid: jdbc:postgresql://h/db?password=a b c\nnext line"))
                .isEqualTo("JDBC URL invalid: jdbc:postgresql://h/db?password=***\nnext line");
        assertThat(Redaction.url("at jdbc:postgresql://u:abc@h:5432/db\n\tnext line"))
                .isEqualTo("at jdbc:postgresql://u:***@h:5432/db\n\tnext line");
        assertThat(Redaction.url("see https://example.com:8080/docs and mail a@b")).isEqualTo("see https://example.com:8080/docs and mail a@b");
    }

    @Test
    void masksAStandaloneSecretOnly() {
        assertThat(Redaction.secret("user postgres:postgres@host in org.postgresql.Driver", "postgres"))
                .isEqualTo("user ***:***@host in org.postgresql.Driver");
        assertThat(Redaction.secret("token s3cr3t!x given", "s3cr3t!x")).isEqualTo("token *** given");
        assertThat(Redaction.secret("jdbc:postgresql://u:hunter2@h/db password=hunter2&x 'hunter2' hunter2.", "hunter2"))
                .doesNotContain("hunter2");
        assertThat(Redaction.secret("password authentication failed for user postgres", "postgres"))
                .isEqualTo("password authentication failed for user ***");
        assertThat(Redaction.secret("Add the stratum-dialect-postgres artifact (module org.postgresql.jdbc)", "postgres"))
                .isEqualTo("Add the stratum-dialect-postgres artifact (module org.postgresql.jdbc)");
        assertThat(Redaction.secret("key=@x! and @x!", "@x!")).isEqualTo("key=*** and ***");
        assertThat(Redaction.secret("nothing", null)).isEqualTo("nothing");
        assertThat(Redaction.text("u:top secret@h and top secret", "top secret")).doesNotContain("secret");
    }

    @Test
    void settingsToStringNeverShowsThePassword() {
        DatabaseSettings settings = DatabaseSettings.builder().url("jdbc:sqlite:/tmp/x.db").password("pa55word").build();
        assertThat(settings.toString()).doesNotContain("pa55word").contains("password=***");
    }
}
