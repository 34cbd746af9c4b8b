package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.api.ConfigurationException;
import io.stratum.api.Stratum;
import org.junit.jupiter.api.Test;

class ReadOnlySessionsSqliteTest extends ReadOnlySessionsContract {

    @Override
    TestDatabase newDatabase() {
        return new SqliteTestDatabase();
    }

    @Override
    String readOnlyRefusal() {
        return "attempt to write a readonly database";
    }

    /** SQLite has no replicas: read_url is refused at open, naming the setting, never silently ignored. */
    @Test
    void readUrlIsRefusedAtOpen() {
        try (TestDatabase other = new SqliteTestDatabase()) {
            assertThatThrownBy(() -> Stratum.open(other.settings().readUrl("jdbc:sqlite:/tmp/replica.db").build()))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("STRATUM_DATABASE_READ_URL is set, but SQLite has no read replicas")
                    .hasMessageContaining("Unset STRATUM_DATABASE_READ_URL");
        }
    }
}
