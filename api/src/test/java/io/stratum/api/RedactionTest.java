package io.stratum.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void masksUserInfoAndPasswordParametersButKeepsTheRestOfTheSentence() {
        String text = "Could not open jdbc:postgresql://app:hunter2@127.0.0.1/db?password=hunter2&ssl=true now; retry";
        assertThat(Redaction.url(text))
                .isEqualTo("Could not open jdbc:postgresql://app:***@127.0.0.1/db?password=***&ssl=true now; retry");
    }

    @Test
    void masksAStandaloneSecretOnly() {
        assertThat(Redaction.secret("user postgres:postgres@host in org.postgresql.Driver", "postgres"))
                .isEqualTo("user ***:***@host in org.postgresql.Driver");
        assertThat(Redaction.secret("token s3cr3t!x given", "s3cr3t!x")).isEqualTo("token *** given");
    }

    @Test
    void settingsToStringNeverShowsThePassword() {
        DatabaseSettings settings = DatabaseSettings.builder().url("jdbc:sqlite:/tmp/x.db").password("pa55word").build();
        assertThat(settings.toString()).doesNotContain("pa55word").contains("password=***");
    }
}
